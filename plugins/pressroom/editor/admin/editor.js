/*
 * The web editor's own pieces on top of Decap CMS (loaded after decap-cms.js, modelo.js,
 * reglas.js and es-mx.js; see index.html):
 *   - the Spanish (es-MX) interface, completed over Decap's own Spanish;
 *   - widgets that make wrong values impossible: dates in Mexico City time (fecha_mx), the state
 *     and what it needs (estado), the 125 municipalities (municipios), the slug (slug_nota), and
 *     groups that are checked only once something is in them (grupo: photo, event);
 *   - on every save (preSave) the file is put in the shape `make nuevo` writes, with its id;
 *   - a preview with the site's own stylesheet and the markup of theme/templates/item.html.
 * The rules themselves come from the content model, through config.yml and modelo.js.
 */
(function () {
  'use strict';

  const CMS = window.CMS;
  const h = window.h;
  const createClass = window.createClass;
  const R = window.PressroomReglas;
  const M = window.PRESSROOM_MODELO;

  // --- helpers ---------------------------------------------------------------------------

  function plano(value) {
    return value && typeof value.toJS === 'function' ? value.toJS() : value;
  }

  function datos(props) {
    const entry = typeof props.getEntry === 'function' ? props.getEntry() : props.entry;
    return entry ? entry.get('data') : null;
  }

  function esNueva(props) {
    const entry = typeof props.getEntry === 'function' ? props.getEntry() : props.entry;
    return Boolean(entry && entry.get('newRecord'));
  }

  function etiqueta(field) {
    return field.get('label', field.get('name'));
  }

  function error(message) {
    return { error: { type: 'CUSTOM', message: message.charAt(0).toUpperCase() + message.slice(1) } };
  }

  /** Plain data back into Immutable, made from empty collections of the entry's own kind. */
  function aInmutable(value, mapa, lista) {
    if (Array.isArray(value)) {
      return lista.withMutations(l => value.forEach(v => l.push(aInmutable(v, mapa, lista))));
    }
    if (value && typeof value === 'object') {
      return mapa.withMutations(m => Object.keys(value).forEach(k => m.set(k, aInmutable(value[k], mapa, lista))));
    }
    return value;
  }

  function bytesAlAzar(n) {
    return window.crypto.getRandomValues(new Uint8Array(n));
  }

  // --- the interface in Spanish ------------------------------------------------------------

  function mezclar(base, extra) {
    const out = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      out[key] = value && typeof value === 'object' ? mezclar(base[key] || {}, value) : value;
    }
    return out;
  }

  CMS.registerLocale('es', mezclar(CMS.getLocale('es') || {}, window.PRESSROOM_ES_MX(M.flujo_editorial)));

  // --- fecha_mx: a date and time in Mexico City, as 'AAAA-MM-DD HH:MM' ----------------------

  const FechaControl = createClass({
    displayName: 'FechaControl',
    componentDidMount() {
      const { value, field, onChange } = this.props;
      if (!value && field.get('ahora')) onChange(R.ahoraMx());
    },
    isValid() {
      const { value, field } = this.props;
      if (!value) return true;
      if (!R.leerFecha(value)) {
        return error(`${etiqueta(field)}: '${value}' no es una fecha que exista; usa AAAA-MM-DD HH:MM`);
      }
      const despues = field.get('despues_de');
      const data = datos(this.props);
      const otra = despues && data ? data.getIn(despues.split('.')) : null;
      if (otra && R.leerFecha(otra) && R.compararFechas(value, otra) <= 0) {
        return error(`${etiqueta(field)} debe ser después del inicio (${otra})`);
      }
      return true;
    },
    render() {
      const { forID, value, onChange, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      return h(
        'div',
        { className: classNameWrapper, style: { display: 'flex', gap: '12px', alignItems: 'center', flexWrap: 'wrap' } },
        h('input', {
          type: 'datetime-local',
          id: forID,
          step: 60,
          value: R.aEntrada(value),
          onChange: e => onChange(R.deEntrada(e.target.value)),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
          style: { font: 'inherit', padding: '6px', border: '1px solid #dfdfe3', borderRadius: '4px' },
        }),
        h('button', { type: 'button', onClick: () => onChange(R.ahoraMx()), style: { font: 'inherit' } }, 'Ahora'),
        h('span', { style: { color: '#555' } }, 'hora del centro de México'),
      );
    },
  });

  const FechaVista = createClass({
    displayName: 'FechaVista',
    render() {
      return h('span', null, R.fechaLarga(this.props.value));
    },
  });

  // --- estado: the state, and what each state needs before it can be saved --------------------

  const EstadoControl = createClass({
    displayName: 'EstadoControl',
    isValid() {
      const data = plano(datos(this.props)) || {};
      const problemas = [];
      for (const regla of plano(this.props.field.get('reglas')) || []) {
        if (!regla.si.includes(this.props.value)) continue;
        const valor = regla.falta === 'cuerpo' ? data.body : data[regla.falta];
        if (R.vacio(valor)) problemas.push(regla.mensaje);
      }
      return problemas.length ? error(problemas.join('; ')) : true;
    },
    render() {
      const { forID, value, onChange, field, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const options = plano(field.get('options'));
      return h(
        'select',
        {
          id: forID,
          className: classNameWrapper,
          value: value || field.get('default'),
          onChange: e => onChange(e.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        },
        options.map(o => h('option', { key: o.value, value: o.value }, o.label)),
      );
    },
  });

  // --- municipios: Decap's searchable multi-select, plus the model's rules --------------------

  const SelectControl = CMS.getWidget('select').control;

  class MunicipiosControl extends SelectControl {
    constructor(props) {
      super(props);
      const base = this.isValid;
      this.isValid = () => {
        const own = base();
        if (own && own.error) return own;
        const values = plano(this.props.value) || [];
        const solo = this.props.field.get('exclusivo');
        if (Array.isArray(values) && values.includes(solo) && values.length > 1) {
          return error('«Todo el estado» no se combina con municipios: elige uno u otro');
        }
        return { error: false };
      };
    }

  }

  // --- slug_nota: chosen once, then part of the published address ---------------------------

  const SlugControl = createClass({
    displayName: 'SlugControl',
    render() {
      const { forID, value, onChange, field, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      if (value && !esNueva(this.props)) {
        return h(
          'div',
          { id: forID, className: classNameWrapper },
          h('code', null, value),
          h('span', { style: { marginLeft: '12px', color: '#555' } }, 'ya no cambia: es parte de la dirección publicada'),
        );
      }
      const desdeTitulo = () => {
        const data = plano(datos(this.props)) || {};
        onChange(R.slugify(data.titulo || '', field.get('palabras'), M.slug.respaldo));
      };
      return h(
        'div',
        { className: classNameWrapper, style: { display: 'flex', gap: '12px', alignItems: 'center' } },
        h('input', {
          type: 'text',
          id: forID,
          value: value || '',
          placeholder: 'se forma con el título al guardar',
          onChange: e => onChange(e.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
          style: { flex: '1', font: 'inherit', padding: '6px', border: '1px solid #dfdfe3', borderRadius: '4px' },
        }),
        h('button', { type: 'button', onClick: desdeTitulo, style: { font: 'inherit' } }, 'Formar con el título'),
      );
    },
  });

  // --- grupo: an optional group (photo, event) is checked only once something is in it -------

  const ObjectControl = CMS.getWidget('object').control;

  class GrupoControl extends ObjectControl {
    constructor(props) {
      super(props);
      const base = this.validate;
      this.validate = () => {
        if (R.vacio(plano(this.props.value))) {
          for (const child of Object.values(this.childRefs)) {
            if (child && child.props && typeof child.props.onValidate === 'function') child.props.onValidate([]);
          }
          return;
        }
        base();
      };
    }
  }

  // values as a person may have written them by hand, read the way the model reads them
  function slugDeMunicipio(value) {
    if (typeof value !== 'string') return value;
    if (R.fold(value) === M.estatal) return M.estatal;
    const slugs = Object.keys(M.municipios);
    return slugs.find(s => R.fold(s) === R.fold(value) || R.fold(M.municipios[s]) === R.fold(value)) || value;
  }
  CMS.registerWidgetValueSerializer('municipios', {
    serialize: value => value,
    deserialize: value => (typeof value === 'string' ? slugDeMunicipio(value) : value.map(slugDeMunicipio)),
  });
  CMS.registerWidgetValueSerializer('boolean', {
    serialize: value => value,
    deserialize: value => (typeof value === 'string' ? M.verdadero.map(R.fold).includes(R.fold(value)) : value),
  });

  CMS.registerWidget('fecha_mx', FechaControl, FechaVista);
  CMS.registerWidget('estado', EstadoControl);
  CMS.registerWidget('municipios', MunicipiosControl, CMS.getWidget('select').preview);
  CMS.registerWidget('slug_nota', SlugControl);
  CMS.registerWidget('grupo', GrupoControl, CMS.getWidget('object').preview);

  // --- every save: the shape `make nuevo` writes, and the id ------------------------------------

  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const data = entry.get('data');
      const limpio = R.normalizar(plano(data), M, bytesAlAzar);
      return aInmutable(limpio, data.clear(), data.toList().clear());
    },
  });

  // --- the preview: the site's stylesheet and the markup of theme/templates/item.html ---------

  function municipiosDe(d) {
    const lista = (d.municipios || []).filter(Boolean);
    if (!lista.length) return ['Municipios', '(elige al menos uno)'];
    if (lista.some(m => R.fold(m) === M.estatal)) return ['Alcance', 'Todo el estado'];
    const nombres = lista.map(m => M.municipios[m] || m);
    return [nombres.length > 1 ? 'Municipios' : 'Municipio', nombres.join(', ')];
  }

  /** A field's configuration by its path, e.g. campo(fields, 'imagen', 'archivo'): media are
      found through the field's own folder (imagenes/AAAA/MM/). */
  function campo(fields, ...names) {
    let found = null;
    let list = fields;
    for (const name of names) {
      found = list ? list.find(f => f.get('name') === name) : null;
      list = found ? found.get('fields') : null;
    }
    return found || undefined;
  }

  function figura(foto, archivo, getAsset, clase) {
    if (!foto || !foto.archivo) return null;
    return h(
      'figure',
      { className: `figura ${clase || ''}` },
      h('img', { src: String(getAsset(foto.archivo, archivo) || ''), alt: foto.pie || '' }),
      h(
        'figcaption',
        null,
        foto.pie || '',
        foto.credito ? h('span', { className: 'credito' }, ` Foto: ${foto.credito}`) : null,
      ),
    );
  }

  function medio(d, getAsset, fields) {
    if (d.tipo === 'galeria') {
      const fotos = (d.galeria || []).filter(f => f && f.archivo);
      const archivo = campo(fields, 'galeria', 'archivo');
      return h(
        'section',
        { className: 'galeria' },
        h('h2', null, 'Fotos ', h('span', { className: 'galeria__cuenta' }, `(${fotos.length})`)),
        h('ul', { className: 'galeria__rejilla' }, fotos.map((f, i) => h('li', { key: i }, figura(f, archivo, getAsset, 'galeria__foto')))),
      );
    }
    const partes = [];
    if (d.tipo === 'capsula' && d.video) {
      partes.push(h('p', { key: 'v', className: 'video__enlace' }, h('a', { href: d.video }, 'Ver el video')));
    }
    if (d.tipo === 'spot' && d.audio) {
      partes.push(h('div', { key: 'a', className: 'audio' }, h('audio', { controls: true, src: String(getAsset(d.audio, campo(fields, 'audio')) || '') })));
    }
    partes.push(h('div', { key: 'f' }, figura(d.imagen, campo(fields, 'imagen', 'archivo'), getAsset, 'nota__figura')));
    return partes;
  }

  function evento(d) {
    const ev = d.evento;
    if (!ev || !ev.inicio) return null;
    const lugar = [ev.lugar, ev.municipio ? M.municipios[ev.municipio] || ev.municipio : '', 'Estado de México'];
    return h(
      'section',
      { className: 'evento' },
      h('h2', null, 'Datos de la conferencia'),
      h(
        'dl',
        { className: 'evento__datos' },
        h('dt', null, 'Cuándo'),
        h('dd', null, R.fechaLarga(ev.inicio), ev.fin ? ` hasta ${R.fechaLarga(ev.fin)}` : '', ' (hora del centro de México)'),
        h('dt', null, 'Dónde'),
        h('dd', null, lugar.filter(Boolean).join(', ')),
      ),
    );
  }

  const Vista = createClass({
    displayName: 'VistaPrevia',
    render() {
      const { entry, widgetFor, getAsset, fields } = this.props;
      const d = plano(entry.get('data')) || {};
      const tipo = M.tipos[d.tipo] || { etiqueta: '', plural: '', seccion: '' };
      const [rotulo, lugares] = municipiosDe(d);
      const personas = (d.personas || []).map(id => M.personas[id]).filter(Boolean);
      const estado = d.estado || 'borrador';
      return h(
        'main',
        { className: 'contenedor principal' },
        h(
          'p',
          { className: 'aviso', role: 'note' },
          h('strong', null, 'Vista previa. '),
          estado === 'borrador'
            ? 'Es un borrador: no aparece en el sitio.'
            : estado === 'programado'
              ? `Programada: aparece en el sitio a partir de ${R.fechaLarga(d.embargo) || 'su embargo'}.`
              : 'Así la verán quienes lean el sitio.',
        ),
        h(
          'article',
          { className: `nota nota--${d.tipo}` },
          h('nav', { className: 'migas', 'aria-label': 'Ruta de navegación' },
            h('ol', null, h('li', null, 'Inicio'), h('li', null, tipo.plural), h('li', null, d.titulo))),
          estado === 'retirado'
            ? h('div', { className: 'aviso aviso--retiro', role: 'note' },
              h('p', { className: 'aviso__titulo' }, h('strong', null, 'Este contenido fue retirado')),
              h('p', null, d.motivo_retiro || ''))
            : null,
          h(
            'header',
            { className: 'nota__cabecera' },
            h('p', { className: 'etiqueta-tipo' }, tipo.etiqueta),
            h('h1', null, d.titulo || ''),
            h('p', { className: 'meta' }, h('time', null, R.fechaLarga(d.fecha))),
            h('p', { className: 'meta' }, h('span', { className: 'meta__rotulo' }, `${rotulo}:`), ` ${lugares}`),
            personas.length
              ? h('ul', { className: 'nota__personas', 'aria-label': 'Personas mencionadas' },
                personas.map((p, i) => h('li', { key: i }, `${p.nombre}, ${p.cargo}${p.municipio ? ` de ${p.municipio}` : ''}`)))
              : null,
          ),
          h('p', { className: 'nota__entrada' }, d.resumen || ''),
          evento(d),
          medio(d, getAsset, fields),
          h('div', { className: 'nota__cuerpo' }, widgetFor('body')),
          (d.etiquetas || []).length
            ? h('section', { className: 'nota__temas' }, h('h2', null, 'Temas'),
              h('ul', { className: 'temas' }, d.etiquetas.map((t, i) => h('li', { key: i }, t))))
            : null,
        ),
      );
    },
  });

  CMS.registerPreviewStyle(M.estilo);
  for (const tipo of Object.keys(M.tipos)) CMS.registerPreviewTemplate(tipo, Vista);
})();
