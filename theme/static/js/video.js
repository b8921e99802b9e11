/* Click-to-load video. The page has no iframe: nothing is requested from the video
   provider until the reader presses "Reproducir". Without JavaScript the button stays
   hidden and the plain link to the provider is the way to watch. */
(function () {
  "use strict";
  var marcos = document.querySelectorAll(".video__marco[data-embed]");
  Array.prototype.forEach.call(marcos, function (marco) {
    var boton = marco.querySelector(".video__reproducir");
    if (!boton) return;
    boton.hidden = false;
    boton.addEventListener("click", function () {
      var src = marco.getAttribute("data-embed");
      if (!/^https:\/\//.test(src)) return;
      if (/youtube|vimeo/.test(src) && !/autoplay=/.test(src)) src += (src.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      var iframe = document.createElement("iframe");
      iframe.src = src;
      iframe.title = "Video: " + (marco.getAttribute("data-titulo") || "");
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      marco.textContent = "";
      marco.appendChild(iframe);
      marco.classList.add("video__marco--activo");
      iframe.focus();
    });
  });
})();
