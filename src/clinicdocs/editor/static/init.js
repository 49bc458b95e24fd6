// Before Decap CMS loads: it waits for editor.js to hand it the generated configuration.
window.CMS_MANUAL_INIT = true;

// Decap CMS 3.16.3 (its core 3.19.1), deleting a record opened by its address before the list of
// its collection was shown, deletes the files and then fails in its own state (its `entries`
// reducer filters `pages.<collection>.ids`, which only the list sets), so it says the delete
// failed. Such an address is therefore opened through the list: Decap starts on the list (its
// router reads the address when it loads, so this is done before), and editor.js opens the
// record once the list shows it.
window.clinicdocsOpen = null;
(function () {
  const match = window.location.hash.match(/^#\/collections\/([^/]+)\/entries\/([^/?]+)$/);
  if (match) {
    window.clinicdocsOpen = { collection: match[1], slug: match[2], hash: window.location.hash };
    history.replaceState(null, "", "#/collections/" + match[1]);
  }
})();
