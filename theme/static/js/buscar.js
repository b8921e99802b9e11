// The search page (/buscar/): runs queries against the Pagefind index in /pagefind/, merged with
// the bundles of the archive's closed months listed in /pagefind/partes.json, newest first
// (plugins/pressroom/searchparts.py). Each bundle carries a "parte" filter of its own: sorted by
// date, Pagefind's merged scores are positions inside each bundle, so the newest-first list is
// each bundle's own list, one after the other.
// The address holds the state (?q=…&tipo=…&municipio=…&orden=recientes): shareable, and the
// back button works. Results arrive ten at a time; "Mostrar más" adds the next ten and moves
// the focus to the first new one. Everything is announced through one polite status line.
// No web worker: the whole page (HTML + CSS + JS) stays within the 100 KB budget.

const PAGEFIND = "/pagefind/pagefind.js";
const PARTS = "/pagefind/partes.json";
const PART_FILTER = "parte";
const RECENT = "reciente";
const PAGE_SIZE = 10;
const DEBOUNCE_MS = 300;

const form = document.querySelector("[data-busqueda]");
const input = form.elements.q;
const order = form.elements.orden;
const filterSelects = [...form.querySelectorAll("[data-filtro]")];
const status = document.querySelector("[data-estado]");
const list = document.querySelector("[data-resultados]");
const more = document.querySelector("[data-mas]");
const failure = document.querySelector("[data-error]");

let pagefind = null;
let parts = [RECENT];
let pending = [];
let shown = 0;
let generation = 0;
let timer = 0;

const plural = (n, one, many) => `${n.toLocaleString("es-MX")} ${n === 1 ? one : many}`;

function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span.innerHTML;
}

// Pagefind's excerpt is indexed text (already escaped) with <mark> around the matches:
// keep those marks and nothing else.
function safeExcerpt(excerpt) {
  return String(excerpt || "").replace(/<(?!\/?mark>)/g, "&lt;");
}

function readAddress() {
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  order.value = params.get("orden") === "recientes" ? "recientes" : "";
  for (const select of filterSelects) {
    const wanted = params.get(select.name) || "";
    if (wanted && ![...select.options].some((o) => o.value === wanted)) {
      select.add(new Option(wanted, wanted)); // a shared link with a filter this index lacks
    }
    select.value = wanted;
  }
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of filterSelects) if (select.value) params.set(select.name, select.value);
  if (order.value) params.set("orden", order.value);
  const query = params.toString();
  const address = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (address !== `${window.location.pathname}${window.location.search}`) {
    window.history.replaceState(null, "", address);
  }
}

function describeQuery(term) {
  const parts = [];
  if (term) parts.push(`«${term}»`);
  for (const select of filterSelects) {
    if (select.value) parts.push(`${select.labels[0].textContent.toLowerCase()} ${select.value}`);
  }
  return parts.join(", ");
}

async function fillFilters() {
  const available = await pagefind.filters();
  for (const select of filterSelects) {
    const counts = available[select.dataset.filtro] || {};
    const current = select.value;
    const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, "es"));
    select.length = 1;
    for (const name of names) select.add(new Option(`${name} (${counts[name]})`, name));
    if (current && !names.includes(current)) select.add(new Option(current, current));
    select.value = current;
  }
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "resultado";
  const meta = data.meta || {};
  const filters = data.filters || {};
  const facts = [meta.tipo, meta.fecha, (filters.municipio || []).join(", ")].filter(Boolean);
  const date = meta.fecha_iso
    ? `<time datetime="${escapeHtml(meta.fecha_iso)}">${escapeHtml(meta.fecha || "")}</time>`
    : "";
  const line = facts
    .map((fact) => (fact === meta.fecha && date ? date : escapeHtml(fact)))
    .join(' <span class="meta__sep" aria-hidden="true">·</span> ');
  item.innerHTML = `
    <div class="resultado__cuerpo">
      <h2 class="resultado__titulo"><a href="${escapeHtml(data.url)}">${escapeHtml(meta.title || data.url)}</a></h2>
      <p class="meta">${line}</p>
      <p class="resultado__extracto">${safeExcerpt(data.excerpt)}</p>
    </div>
    ${meta.miniatura ? `<img class="resultado__img" src="${escapeHtml(meta.miniatura)}" alt="" width="120" height="80" loading="lazy" decoding="async">` : ""}`;
  return item;
}

async function showNext(focusFirst) {
  const mine = generation;
  const slice = pending.slice(shown, shown + PAGE_SIZE);
  const data = await Promise.all(slice.map((r) => r.data()));
  if (mine !== generation) return;
  const items = data.map(resultItem);
  list.append(...items);
  shown += slice.length;
  more.hidden = shown >= pending.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

async function run() {
  const mine = ++generation;
  writeAddress();
  const term = input.value.trim();
  const filters = {};
  for (const select of filterSelects) if (select.value) filters[select.dataset.filtro] = select.value;
  const hasFilter = Object.keys(filters).length > 0;
  if (!term && !hasFilter) {
    pending = [];
    shown = 0;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Escribe una o más palabras, o elige un tipo o un municipio.";
    return;
  }
  status.textContent = "Buscando…";
  const byDate = order.value === "recientes" || !term;
  const found = await searchAll(term || null, filters, byDate);
  if (mine !== generation || !found) return; // a newer query is on its way
  pending = found;
  shown = 0;
  list.replaceChildren();
  await showNext(false);
  if (mine !== generation) return;
  const what = describeQuery(term);
  status.textContent = pending.length
    ? `${plural(pending.length, "resultado", "resultados")} para ${what}.`
    : `No encontramos resultados para ${what}. Revisa la ortografía, usa menos palabras o quita los filtros.`;
}

// Every result, best first; by date, newest first: each bundle's results in date order, the
// bundles from the newest (a null comes back when a newer query superseded this one).
async function searchAll(term, filters, byDate) {
  if (!byDate) {
    const search = await pagefind.search(term, { filters });
    return search && search.results;
  }
  const sort = { fecha: "desc" };
  if (parts.length === 1) {
    const search = await pagefind.search(term, { filters, sort });
    return search && search.results;
  }
  const searches = await Promise.all(
    parts.map((part) => pagefind.search(term, { filters: { ...filters, [PART_FILTER]: part }, sort })),
  );
  return searches.some((search) => !search) ? null : searches.flatMap((search) => search.results);
}

async function mergeParts() {
  const answer = await fetch(PARTS);
  if (!answer.ok) throw new Error(`${PARTS}: ${answer.status}`);
  const closed = await answer.json();
  if (!closed.length) return;
  await pagefind.options({ mergeFilter: { [PART_FILTER]: RECENT } });
  for (const part of closed) {
    await pagefind.mergeIndex(part.ruta, { mergeFilter: { [PART_FILTER]: part.clave } });
  }
  parts = [RECENT, ...closed.map((part) => part.clave)];
}

function schedule() {
  window.clearTimeout(timer);
  timer = window.setTimeout(run, DEBOUNCE_MS);
}

async function start() {
  readAddress();
  try {
    pagefind = await import(PAGEFIND);
    await pagefind.options({ noWorker: true, excerptLength: 24 });
    await pagefind.init();
    await mergeParts();
    await fillFilters();
  } catch {
    failure.hidden = false;
    form.hidden = true;
    status.textContent = "El buscador no está disponible en este momento.";
    return;
  }
  readAddress(); // the filter options exist now
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  input.addEventListener("input", schedule);
  order.addEventListener("change", run);
  for (const select of filterSelects) select.addEventListener("change", run);
  more.addEventListener("click", () => showNext(true));
  window.addEventListener("popstate", () => {
    readAddress();
    run();
  });
  if (input.value.trim() || filterSelects.some((s) => s.value)) await run();
}

start();
