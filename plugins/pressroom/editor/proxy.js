#!/usr/bin/env node
/*
 * Decap's local backend (decap-server, file-system mode) for `make editor`:
 *   - listens on 127.0.0.1 only, on the port given (0: any free one) and prints
 *     {"puerto": N} on its first line of output once it listens;
 *   - answers only requests addressed to this computer (Host 127.0.0.1 or localhost), so a web
 *     page that points its own name at 127.0.0.1 (DNS rebinding) cannot drive it;
 *   - lets the admin read and write only the folders the generated configuration names
 *     (content/<section>/ for notes, content/imagenes/ and content/audio/ for media): never
 *     publish/, a contact directory or anything else in the repository, and never through a
 *     symbolic link (the build refuses links in content/ too);
 *   - stops when its parent closes its standard input.
 *
 * Environment: EDITOR_REPO (the project folder), EDITOR_CARPETAS (JSON: {"notas": [...],
 * "medios": [...]}), EDITOR_PUERTO, EDITOR_MODULOS (the node_modules folder to load from).
 */
'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.env.EDITOR_MODULOS || path.join(process.cwd(), 'node_modules');
const decap = path.dirname(require.resolve('decap-server/package.json', { paths: [modules] }));
const express = require(require.resolve('express', { paths: [decap] }));
const cors = require(require.resolve('cors', { paths: [decap] }));
const { registerLocalFs } = require(path.join(decap, 'dist', 'middlewares'));

const repo = path.resolve(process.env.EDITOR_REPO || process.cwd());
const carpetas = JSON.parse(process.env.EDITOR_CARPETAS || '{"notas": [], "medios": []}');
const puerto = Number(process.env.EDITOR_PUERTO || 0);

const READ_ONLY = ['info', 'entriesByFolder', 'entriesByFiles', 'getEntry', 'getMedia', 'getMediaFile', 'getDeployPreview'];
const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1)(:\d+)?$/;
const WRITING = ['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles'];

/** A repository path, normalized, or null when it is absolute or climbs out. */
function clean(value) {
  if (typeof value !== 'string' || value.includes('\\') || value.includes('\0')) return null;
  const normal = path.posix.normalize(value.replace(/^\.\//, ''));
  if (normal.startsWith('/') || normal === '..' || normal.startsWith('../')) return null;
  return normal.replace(/\/$/, '');
}

/** Whether any existing part of a repository path is a symbolic link (or cannot be looked at). */
function linked(normal) {
  let current = repo;
  for (const part of normal.split('/')) {
    current = path.join(current, part);
    let stat;
    try {
      stat = fs.lstatSync(current);
    } catch (err) {
      if (err.code === 'ENOENT') return false; // the rest does not exist yet: nothing to follow
      return true;
    }
    if (stat.isSymbolicLink()) return true;
  }
  return false;
}

function inside(value, folders) {
  const normal = clean(value);
  return normal !== null && folders.some(f => normal === f || normal.startsWith(`${f}/`)) && !linked(normal);
}

function thisComputer(req, res, next) {
  if (!LOOPBACK_HOST.test(String(req.headers.host || ''))) {
    res.status(403).json({ error: 'el editor solo atiende a esta computadora (127.0.0.1)' });
    return;
  }
  next();
}

/** Every (path, folders it must be in) a request touches. */
function touched(action, params) {
  const p = params || {};
  const notes = carpetas.notas;
  const media = carpetas.medios;
  const all = [...notes, ...media];
  switch (action) {
    case 'info':
    case 'getDeployPreview':
      return [];
    case 'entriesByFolder':
      return [[p.folder, notes]];
    case 'entriesByFiles':
      return (p.files || []).map(f => [f && f.path, notes]);
    case 'getEntry':
      return [[p.path, notes]];
    case 'getMedia':
      return [[p.mediaFolder, media]];
    case 'getMediaFile':
      return [[p.path, all]];
    case 'persistEntry': {
      const files = p.dataFiles || (p.entry ? [p.entry] : []);
      const entries = files.flatMap(f => [[f && f.path, notes], ...(f && f.newPath ? [[f.newPath, notes]] : [])]);
      return [...entries, ...(p.assets || []).map(a => [a && a.path, media])];
    }
    case 'persistMedia':
      return [[p.asset && p.asset.path, media]];
    case 'deleteFile':
      return [[p.path, media]];
    case 'deleteFiles':
      return (p.paths || []).map(x => [x, media]);
    default:
      return [[null, []]];
  }
}

function guard(req, res, next) {
  const { action, params } = req.body || {};
  if (![...READ_ONLY, ...WRITING].includes(action)) {
    res.status(403).json({ error: `acción no permitida en el editor: ${action}` });
    return;
  }
  const refused = touched(action, params).filter(([value, folders]) => !inside(value, folders));
  if (refused.length) {
    const shown = refused.map(([value]) => String(value)).join(', ');
    res.status(403).json({ error: `el editor solo trabaja dentro de las carpetas de content/ que conoce (${action}: ${shown})` });
    return;
  }
  next();
}

async function main() {
  process.env.GIT_REPO_DIRECTORY = repo;
  const app = express();
  app.use(thisComputer);
  // before decap-server's own routes; with the same CORS rule, so a refusal reaches the page
  app.post('/api/v1', cors({ origin: LOOPBACK }), express.json({ limit: '50mb' }), guard);
  await registerLocalFs(app, { logLevel: process.env.EDITOR_REGISTRO || 'warn' });
  const server = app.listen(puerto, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ puerto: server.address().port })}\n`);
  });
  server.on('error', err => {
    process.stderr.write(`editor: el servidor local no pudo iniciar: ${err.message}\n`);
    process.exit(1);
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}

main().catch(err => {
  process.stderr.write(`editor: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
