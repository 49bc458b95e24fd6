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
  listFirst();
  CMS.init({ config: config });
  renameForm(config);
})();

const ENTRY = /^#\/collections\/([^/]+)\/entries\/([^/?]+)$/;

// The record whose address the editor was opened at (init.js), once its collection's list shows
// it: see init.js for why.
function listFirst() {
  const wanted = window.clinicdocsOpen;
  if (!wanted) return;
  const card = 'a[href$="/collections/' + wanted.collection + "/entries/" + wanted.slug + '"]';
  const wait = setInterval(function () {
    if (window.location.hash !== "#/collections/" + wanted.collection) {
      clearInterval(wait); // the editor went elsewhere meanwhile
    } else if (document.querySelector(card)) {
      clearInterval(wait);
      window.location.hash = wanted.hash;
    }
  }, 100);
}

// Decap CMS renames no record of a folder collection: a record's id is its file's name and its
// pages' address. This small form, shown on a treatment's or concern's page, asks the editor
// server (`renameEntry`) to rename its files and translations and the records that name it;
// the server checks it all first, and answers with the validator's lines when it refuses.
function renameForm(config) {
  const folders = config.collections.filter((c) => c.folder).map((c) => c.name);
  const button = document.createElement("button");
  button.type = "button";
  button.id = "clinicdocs-rename";
  button.textContent = "Change id…";
  button.hidden = true;
  const dialog = document.createElement("dialog");
  dialog.id = "clinicdocs-rename-dialog";
  dialog.innerHTML =
    '<form method="dialog">' +
    "<h2>Change this record's id</h2>" +
    '<p>The id is the name of its file and its pages\' address (<code id="clinicdocs-address"></code>). ' +
    "Its translations and every treatment that names it change with it. Save your changes first: " +
    "the editor reloads on the renamed record.</p>" +
    '<label for="clinicdocs-new-id">New id</label>' +
    '<input id="clinicdocs-new-id" name="id" required autocomplete="off" spellcheck="false" ' +
    'aria-describedby="clinicdocs-new-id-hint">' +
    '<p id="clinicdocs-new-id-hint">Lowercase letters, digits and hyphens, e.g. <code>glow-peel</code>.</p>' +
    '<ul id="clinicdocs-rename-problems" role="alert"></ul>' +
    '<p class="clinicdocs-actions"><button value="cancel" formnovalidate>Cancel</button> ' +
    '<button value="rename" id="clinicdocs-rename-submit">Rename</button></p>' +
    "</form>";
  document.body.append(dialog);
  const input = dialog.querySelector("input");
  const submit = dialog.querySelector("#clinicdocs-rename-submit");
  const problems = dialog.querySelector("ul");
  function current() {
    const match = window.location.hash.match(ENTRY);
    return match && folders.includes(match[1]) ? { collection: match[1], slug: match[2] } : null;
  }
  // The button stands beside Decap's "Delete entry" in the record's toolbar; Decap renders that
  // toolbar anew on each record, so it is put back whenever it is missing.
  function update() {
    const record = current();
    button.hidden = record === null;
    if (record === null || button.isConnected) return;
    const remove = Array.from(document.querySelectorAll("button")).find(function (b) {
      return b.textContent.trim() === "Delete entry";
    });
    if (remove) remove.parentElement.after(button);
  }
  window.addEventListener("hashchange", update);
  new MutationObserver(update).observe(document.body, { childList: true, subtree: true });
  update();
  button.addEventListener("click", function () {
    const record = current();
    if (!record) return;
    input.value = record.slug;
    dialog.querySelector("#clinicdocs-address").textContent = record.collection + "/" + record.slug + "/";
    problems.replaceChildren();
    // Renaming reloads the editor, which would lose the form's changes: Decap's toolbar says
    // "Unsaved Changes" (its English wording) while there are some.
    const unsaved = Array.from(document.querySelectorAll("body *")).some(function (e) {
      return e.childElementCount === 0 && e.textContent.trim() === "Unsaved Changes";
    });
    submit.disabled = unsaved;
    if (unsaved) {
      const item = document.createElement("li");
      item.textContent = "This record has changes that are not saved: publish them, or undo them, " +
        "before changing its id.";
      problems.append(item);
    }
    dialog.showModal();
    input.select();
  });
  dialog.querySelector("form").addEventListener("submit", async function (event) {
    if (event.submitter && event.submitter.value !== "rename") return;
    event.preventDefault();
    const record = current();
    const answer = await fetch(config.backend.proxy_url, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({
        action: "renameEntry",
        params: { collection: record.collection, slug: record.slug, new_slug: input.value.trim() },
      }),
    });
    const body = await answer.json();
    if (answer.ok) {
      window.location.hash = "#/collections/" + record.collection + "/entries/" + body.slug;
      window.location.reload();
      return;
    }
    const lines = body.problems || [body.error];
    problems.replaceChildren(...lines.map(function (line) {
      const item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
  });
}

// Decap CMS sets no writing direction on its boxes; `dir="auto"` lets each one follow its text,
// so Arabic is written right to left beside the English.
new MutationObserver(function () {
  for (const box of document.querySelectorAll("input:not([dir]), textarea:not([dir])")) {
    box.setAttribute("dir", "auto");
  }
}).observe(document.documentElement, { childList: true, subtree: true });
