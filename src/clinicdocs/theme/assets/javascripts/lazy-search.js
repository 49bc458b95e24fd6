/* clinicdocs: download the search index when a reader first opens the search, not on every page.
   Material requests search/search_index.json as soon as any page loads, parses it on the page's
   main thread and hands it to its search worker. Most patients read a page and never search, and
   the index grows with the catalogue (about 12 MB for 1,000 treatments), so every page view paid
   for a download and a parse it did not use. This script holds that one request back until the
   search opens (the header's search button, a keyboard shortcut, or focus in the search field)
   and then sends it; Material shows "Initializing search" meanwhile, as it always did while the
   index was loading. A page opened from a search result (`?h=...`, for highlighting the words)
   sends it at once. Nothing else is touched: if Material stops using XMLHttpRequest for the
   index, this script does nothing and the index loads as before. Loaded before Material's
   bundle, which makes the request while it starts. */
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var wanted = /[?&]h=/.test(location.search);
  var isIndex = new WeakSet();

  function release() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (request) {
      try {
        send.call(request);
      } catch (error) {
        // Material aborted the request meanwhile (it left the page): nothing to send.
      }
    });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (/\/search\/search_index\.json$/.test(String(url))) isIndex.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!wanted && isIndex.has(this)) {
      held.push(this);
      return;
    }
    return send.apply(this, arguments);
  };

  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.closest("[data-md-component=search]"))
      release();
  }, true);
})();
