// Starts Decap CMS with the configuration the editor server generated from the data models,
// and shows the record's page from the preview site (`mkdocs serve`) next to the form.
(async function () {
  const base = window.location.pathname.replace(/[^/]*$/, "");
  const config = await (await fetch(base + "config.json")).json();
  const Preview = createClass({
    render: function () {
      const entry = this.props.entry;
      const collection = this.props.collection.get("name");
      const slug = entry.get("slug");
      const src = window.location.origin + base + "preview/" + collection + "/" + slug;
      return h("div", { style: { height: "100%" } },
        h("p", { style: { font: "14px sans-serif", margin: "8px" } },
          "The page as last saved (it reloads after each save): ",
          h("a", { href: src, target: "_blank", rel: "noreferrer" }, "open it in a tab")),
        h("iframe", {
          src: src, title: "Preview of the saved page",
          style: { width: "100%", height: "calc(100vh - 60px)", border: "0" },
        }));
    },
  });
  for (const collection of config.collections) {
    if (collection.files) {
      for (const file of collection.files) CMS.registerPreviewTemplate(file.name, Preview);
    } else {
      CMS.registerPreviewTemplate(collection.name, Preview);
    }
  }
  CMS.init({ config: config });
})();

// Decap CMS sets no writing direction on its boxes; `dir="auto"` lets each one follow its text,
// so Arabic is written right to left beside the English.
new MutationObserver(function () {
  for (const box of document.querySelectorAll("input:not([dir]), textarea:not([dir])")) {
    box.setAttribute("dir", "auto");
  }
}).observe(document.documentElement, { childList: true, subtree: true });
