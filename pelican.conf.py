# Pelican settings for the press office's site: plain constants only (see STYLE.md).
# No secrets here: Pelican copies every setting into every template.

SITENAME = "Comunicación Social — PT Estado de México"
SITE_DESCRIPTION = (
    "Boletines, actividades municipales, conferencias de prensa y materiales de difusión "
    "del Partido del Trabajo en el Estado de México."
)
SITEURL = "https://ptedomex.example.org"
AUTHOR = "Comunicación Social PT Estado de México"
PRESS_CONTACT = {
    "nombre": "Coordinación de Comunicación Social",
    "correo": "prensa@ptedomex.example.org",
    "telefono": "+52 722 000 0000",
    "horario": "lunes a viernes de 9:00 a 18:00",
}
SOCIAL: list[tuple[str, str]] = []
FEEDS: list[dict[str, str]] = []

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "tema"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pressroom"]

TIMEZONE = "America/Mexico_City"
DEFAULT_LANG = "es"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
PRESSROOM_NOW = None  # the build clock; the build command sets it (tests pin it)

ARTICLE_PATHS = ["boletines", "actividades", "conferencias", "reportajes", "capsulas", "spots", "galerias"]
PAGE_PATHS = ["paginas"]
STATIC_PATHS: list[str] = []  # media are copied per public item by the plugin, never wholesale
IMAGE_PROCESSING = True  # photos: resized copies, no metadata, social cards; False only for measuring
IMAGE_CACHE_PATH = ".cache/imagenes"  # relative to the project folder; never deployed
MARKDOWN_TIME_LIMIT = 5  # CPU seconds to turn one note's text into HTML; past it, a content error
MARKDOWN_MEMORY_LIMIT_MB = 1024  # memory for the same, per note
READERS = {"html": None, "htm": None, "rst": None}
FILENAME_METADATA = ""
USE_FOLDER_AS_CATEGORY = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False  # the build command writes into a fresh folder and swaps it in
WITH_FUTURE_DATES = False
OUTPUT_SOURCES = False

ARTICLE_URL = "{category}/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{date:%Y}/{date:%m}/{slug}/index.html"
ARTICLE_LANG_URL = ""
# one language, no translations: a slug may repeat in another section or month ("conferencia-semanal"),
# the address tells them apart (the validator refuses the same address twice)
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
ARTICLE_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
TAG_URL = "etiquetas/{slug}/"
TAG_SAVE_AS = "etiquetas/{slug}/index.html"
AUTHOR_URL = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_URL = "archivo/"
ARCHIVES_SAVE_AS = "archivo/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_URL = "archivo/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archivo/{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "buscar"]
BUSCAR_URL = "buscar/"  # the search page (theme/templates/buscar.html); its index: pagefind/
BUSCAR_SAVE_AS = "buscar/index.html"

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"category": None, "tag": None, "municipio": None, "persona": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# Veda windows: items of these types dated inside a window are held back (no page, no feed, no
# announcement) until the window closes. Example:
# VEDAS = [{"desde": "2027-04-03 00:00", "hasta": "2027-06-07 00:00",
#           "tipos": ["actividad"], "motivo": "Veda electoral: campañas locales 2027"}]
VEDAS: list[dict[str, object]] = []

# The program's goals, measured from published content (`make informe`, and the transparency page):
# type → target per quarter ("trimestre") and per year ("año").
METAS = {"conferencia": {"trimestre": 4, "año": 12}}
# A public page /transparencia/ with the indicator figures of the current year (goals, publications
# per month, coverage map). Off by default.
TRANSPARENCIA = False

# Web editor (Decap CMS at /admin/, see README, "Editor web"). `make editor` always works on this
# computer against this repository. With EDITOR_EN_SITIO = True the build also publishes /admin/
# with the site, saving through a git host (GitHub, GitLab or Gitea): no secrets here, the login
# is the host's (OAuth).
EDITOR_EN_SITIO = False
EDITOR_BACKEND = {"name": "github", "repo": "ptedomex/sitio", "branch": "main"}
EDITOR_FLUJO_EDITORIAL = True  # borrador → en revisión → listo (GitHub and GitLab only)
