/* clinicdocs: the "Print this page" buttons. A script file rather than an inline handler, so a
   clinic can serve the site with a strict Content-Security-Policy. Listening on the document
   keeps the buttons working when Material swaps pages without a reload (navigation.instant). */
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target instanceof Element && target.closest(".cd-print-button")) {
    window.print();
  }
});
