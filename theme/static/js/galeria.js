/* Gallery viewer. Without JavaScript each thumbnail is a link to the large photo; with it, the
   photo opens in a dialog: arrows or swipe to move, Esc to close, focus back on the thumbnail.
   Only this site's own files are requested. */
(function () {
  "use strict";
  var rejilla = document.querySelector("[data-galeria]");
  if (!rejilla || typeof HTMLDialogElement !== "function") return;
  var enlaces = Array.prototype.slice.call(rejilla.querySelectorAll("a.galeria__enlace"));
  if (!enlaces.length) return;

  var dialogo = document.createElement("dialog");
  dialogo.className = "visor";
  dialogo.setAttribute("aria-label", "Visor de fotos");
  dialogo.innerHTML =
    '<figure class="visor__figura"><img class="visor__img" alt=""><figcaption class="visor__pie">' +
    '<span class="visor__cuenta"></span> <span class="visor__texto"></span> ' +
    '<a class="visor__descarga" download>Descargar en alta resolución</a></figcaption></figure>' +
    '<button type="button" class="visor__boton visor__anterior" aria-label="Foto anterior">‹</button>' +
    '<button type="button" class="visor__boton visor__siguiente" aria-label="Foto siguiente">›</button>' +
    '<button type="button" class="visor__boton visor__cerrar" aria-label="Cerrar">×</button>';
  document.body.appendChild(dialogo);
  var img = dialogo.querySelector(".visor__img");
  var cuenta = dialogo.querySelector(".visor__cuenta");
  var texto = dialogo.querySelector(".visor__texto");
  var descarga = dialogo.querySelector(".visor__descarga");
  var actual = 0;

  function precargar(i) {
    var enlace = enlaces[(i + enlaces.length) % enlaces.length];
    var previa = new Image();
    previa.sizes = "100vw";
    if (enlace.dataset.srcset) previa.srcset = enlace.dataset.srcset;
    previa.src = enlace.href;
  }

  function mostrar(i) {
    actual = (i + enlaces.length) % enlaces.length;
    var enlace = enlaces[actual];
    var miniatura = enlace.querySelector("img");
    var pie = enlace.parentNode.querySelector("figcaption");
    img.removeAttribute("srcset");
    img.sizes = "100vw";
    if (enlace.dataset.srcset) img.srcset = enlace.dataset.srcset;
    img.src = enlace.href;
    img.alt = miniatura ? miniatura.alt : "";
    cuenta.textContent = "Foto " + (actual + 1) + " de " + enlaces.length + ".";
    texto.textContent = pie && pie.firstChild ? pie.firstChild.textContent.trim() : img.alt;
    if (enlace.dataset.descarga) {
      descarga.href = enlace.dataset.descarga;
      descarga.hidden = false;
    } else {
      descarga.hidden = true;
    }
    if (enlaces.length > 1) {
      precargar(actual + 1);
      precargar(actual - 1);
    }
  }

  enlaces.forEach(function (enlace, i) {
    enlace.addEventListener("click", function (evento) {
      if (evento.ctrlKey || evento.metaKey || evento.shiftKey || evento.altKey || evento.button !== 0) return;
      evento.preventDefault();
      mostrar(i);
      dialogo.showModal();
    });
  });

  var unica = enlaces.length < 2;
  dialogo.querySelector(".visor__anterior").hidden = unica;
  dialogo.querySelector(".visor__siguiente").hidden = unica;
  dialogo.querySelector(".visor__anterior").addEventListener("click", function () { mostrar(actual - 1); });
  dialogo.querySelector(".visor__siguiente").addEventListener("click", function () { mostrar(actual + 1); });
  dialogo.querySelector(".visor__cerrar").addEventListener("click", function () { dialogo.close(); });
  dialogo.addEventListener("close", function () { enlaces[actual].focus(); });
  dialogo.addEventListener("click", function (evento) {
    if (evento.target === dialogo) dialogo.close(); // a click on the backdrop
  });
  dialogo.addEventListener("keydown", function (evento) {
    if (evento.key === "ArrowRight") mostrar(actual + 1);
    else if (evento.key === "ArrowLeft") mostrar(actual - 1);
    else if (evento.key === "Home") mostrar(0);
    else if (evento.key === "End") mostrar(enlaces.length - 1);
    else return;
    evento.preventDefault();
  });

  var inicioX = null;
  var inicioY = null;
  dialogo.addEventListener("touchstart", function (evento) {
    if (evento.touches.length !== 1) { inicioX = null; return; }
    inicioX = evento.touches[0].clientX;
    inicioY = evento.touches[0].clientY;
  }, { passive: true });
  dialogo.addEventListener("touchend", function (evento) {
    if (inicioX === null) return;
    var dx = evento.changedTouches[0].clientX - inicioX;
    var dy = evento.changedTouches[0].clientY - inicioY;
    inicioX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) mostrar(actual + (dx < 0 ? 1 : -1));
  }, { passive: true });
})();
