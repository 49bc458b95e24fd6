// Before Decap CMS loads: it waits for editor.js to hand it the generated configuration.
window.CMS_MANUAL_INIT = true;
