/*
 * The content model's rules, in the browser: the same text folding, slugs, ids and dates as the
 * Python side (plugins/pressroom/model/, plugins/pressroom/scaffold.py), and the clean-up that
 * makes a file saved by the web editor look like one written by `make nuevo`.
 *
 * Pure functions, no Decap: editor.js uses them in the admin, and tests/test_editor_rules.py runs
 * them under Node against the Python implementation.
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.PressroomReglas = api;
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const ZONA = 'America/Mexico_City';
  const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
  const DIAS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];
  const MESES = [
    'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
    'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
  ];

  /** problems.fold: lowercase, accents removed, hyphens, underscores and runs of spaces as one space. */
  function fold(text) {
    const bare = String(text).trim().toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
    return bare.replace(/[-_]/g, ' ').split(/\s+/).filter(Boolean).join(' ');
  }

  /** scaffold.slugify: the first words of the title, ascii, joined by hyphens. */
  function slugify(title, words, fallback) {
    const found = fold(title).match(/[a-z0-9]+/g) || [];
    return found.slice(0, words).join('-') || fallback;
  }

  /** scaffold.new_id: 'AAAA-MM-DD-' and random characters of the alphabet, without bias. */
  function nuevoId(day, alphabet, length, randomBytes) {
    const limit = 256 - (256 % alphabet.length);
    let tail = '';
    while (tail.length < length) {
      for (const byte of randomBytes(length * 2)) {
        if (byte < limit && tail.length < length) tail += alphabet[byte % alphabet.length];
      }
    }
    return `${day}-${tail}`;
  }

  function dos(n) {
    return String(n).padStart(2, '0');
  }

  function cuatro(n) {
    return String(n).padStart(4, '0');
  }

  /** The wall-clock time in Mexico City as the model writes it: 'AAAA-MM-DD HH:MM'. */
  function ahoraMx(instant) {
    const parts = {};
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONA, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    for (const { type, value } of format.formatToParts(instant || new Date())) parts[type] = value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  }

  /** fields.parse_date: the parts of a date the model accepts, or null if it exists nowhere. */
  function leerFecha(value) {
    const match = DATE_RE.exec(String(value || '').trim());
    if (!match) return null;
    const [year, month, day, hour, minute, second] = match.slice(1).map(g => (g ? Number(g) : 0));
    const probe = new Date(0);
    probe.setUTCFullYear(year, month - 1, day);
    const exists =
      probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day &&
      hour < 24 && minute < 60 && second < 60 && year >= 1;
    return exists ? { year, month, day, hour, minute, second } : null;
  }

  /** 'AAAA-MM-DD HH:MM' for a datetime-local input ('AAAA-MM-DDTHH:MM'), or '' if not a date. */
  function aEntrada(value) {
    const f = leerFecha(value);
    return f ? `${cuatro(f.year)}-${dos(f.month)}-${dos(f.day)}T${dos(f.hour)}:${dos(f.minute)}` : '';
  }

  /** A datetime-local input's value as the model writes dates: 'AAAA-MM-DD HH:MM'. */
  function deEntrada(value) {
    const f = leerFecha(value);
    return f ? `${cuatro(f.year)}-${dos(f.month)}-${dos(f.day)} ${dos(f.hour)}:${dos(f.minute)}` : '';
  }

  /** dates.long_datetime: 'miércoles 25 de noviembre de 2026, 10:30'. */
  function fechaLarga(value) {
    const f = leerFecha(value);
    if (!f) return '';
    const probe = new Date(0);
    probe.setUTCFullYear(f.year, f.month - 1, f.day);
    const weekday = probe.getUTCDay();
    return `${DIAS[weekday]} ${f.day} de ${MESES[f.month - 1]} de ${f.year}, ${dos(f.hour)}:${dos(f.minute)}`;
  }

  /** Compare two model dates; negative, zero or positive like a sort key. */
  function compararFechas(a, b) {
    const x = leerFecha(a);
    const y = leerFecha(b);
    if (!x || !y) return 0;
    const key = f => [f.year, f.month, f.day, f.hour, f.minute, f.second].map(n => String(n).padStart(4, '0')).join('');
    return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
  }

  /** Nothing worth writing: no value, blank text, false, an empty list or group. */
  function vacio(value) {
    if (value === null || value === undefined || value === false) return true;
    if (typeof value === 'string') return value.trim() === '';
    if (Array.isArray(value)) return value.every(vacio);
    if (typeof value === 'object') return Object.values(value).every(vacio);
    return false;
  }

  /** A group (photo, event) with its keys in the model's order and its empty keys left out. */
  function grupo(value, orden) {
    const limpio = {};
    for (const key of orden) if (!vacio(value[key])) limpio[key] = value[key];
    for (const key of Object.keys(value)) if (!(key in limpio) && !vacio(value[key])) limpio[key] = value[key];
    return limpio;
  }

  /**
   * The data Decap is about to save, as `make nuevo` would write it: keys in the model's order,
   * empty optional keys left out (except those `make nuevo` writes empty), groups ordered, and
   * on the first save the id and the slug.
   */
  function normalizar(data, modelo, randomBytes) {
    const out = {};
    const orden = [...modelo.orden, ...Object.keys(data).filter(k => !modelo.orden.includes(k))];
    for (const key of orden) {
      let value = data[key];
      if (key === 'body') continue;
      if (modelo.conservar_vacias.includes(key)) {
        out[key] = Array.isArray(value) ? value.filter(v => !vacio(v)) : vacio(value) ? [] : value;
        continue;
      }
      if (key === 'imagen' && value && typeof value === 'object') value = grupo(value, modelo.orden_imagen);
      if (key === 'evento' && value && typeof value === 'object') value = grupo(value, modelo.orden_evento);
      if (key === 'galeria' && Array.isArray(value)) {
        value = value.filter(v => !vacio(v)).map(v => grupo(v, modelo.orden_imagen));
      }
      if (Array.isArray(value) && key !== 'galeria') value = value.filter(v => !vacio(v));
      if (!vacio(value)) out[key] = value;
    }
    if (vacio(out.slug)) out.slug = slugify(out.titulo || '', modelo.slug.palabras, modelo.slug.respaldo);
    if (vacio(out.id)) {
      const f = leerFecha(out.fecha) || leerFecha(ahoraMx());
      const day = `${cuatro(f.year)}-${dos(f.month)}-${dos(f.day)}`;
      out.id = nuevoId(day, modelo.id.alfabeto, modelo.id.largo, randomBytes);
    }
    const ordenado = {};
    for (const key of orden) if (key in out) ordenado[key] = out[key];
    if (typeof data.body === 'string') ordenado.body = data.body;
    return ordenado;
  }

  return {
    ZONA, fold, slugify, nuevoId, ahoraMx, leerFecha, aEntrada, deEntrada, fechaLarga,
    compararFechas, vacio, grupo, normalizar,
  };
});
