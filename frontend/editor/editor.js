// The narrative editor: a toolbar and a Tiptap (ProseMirror) editor over the form's Markdown
// textarea. Progressive enhancement: without this script the textarea is the editor; with it
// the textarea is hidden and receives the editor's Markdown on every change.
import { Editor, Extension, getSchema, mergeAttributes } from "@tiptap/core";
import Heading from "@tiptap/extension-heading";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { markdownParser, toMarkdown } from "./markdown.js";
import { cleanWordHtml } from "./paste.js";

// How the Markdown was written, kept so unchanged text comes back as it was (markdown.js).
const MarkdownHints = Extension.create({
  name: "markdownHints",
  addGlobalAttributes() {
    const hidden = (value) => ({ default: value, rendered: false });
    return [
      {
        types: ["bulletList", "orderedList"],
        attributes: { tight: hidden(true), attached: hidden(false) },
      },
      { types: ["bulletList"], attributes: { bullet: hidden("-") } },
      { types: ["orderedList"], attributes: { delimiter: hidden(".") } },
      { types: ["tableCell", "tableHeader"], attributes: { align: hidden(null) } },
    ];
  },
});

// A narrative's "#" is shown under the page's h2, as the read-only pages show it (h3).
const HEADING_SHIFT = 2;
const ShiftedHeading = Heading.extend({
  renderHTML({ node, HTMLAttributes }) {
    const level = Math.min(node.attrs.level + HEADING_SHIFT, 6);
    return [`h${level}`, mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), 0];
  },
});

export function extensions() {
  return [
    StarterKit.configure({
      heading: false,
      underline: false,
      strike: false,
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: false,
        linkOnPaste: true,
        HTMLAttributes: { target: null, rel: "noopener" },
      },
    }),
    ShiftedHeading,
    TableKit.configure({ table: { resizable: false } }),
    MarkdownHints,
  ];
}

let sharedParser = null;
function parserFor(schema) {
  if (!sharedParser || sharedParser.schema !== schema) sharedParser = markdownParser(schema);
  return sharedParser;
}

export function markdownToJson(schema, markdown) {
  return parserFor(schema).parse(markdown).toJSON();
}

// Markdown → editor → Markdown for each text, through one editor (the round-trip test).
export function roundTrip(texts) {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: extensions(),
    injectCSS: false,
  });
  try {
    return texts.map((text) => {
      editor.commands.setContent(markdownToJson(editor.schema, text));
      return toMarkdown(editor.state.doc);
    });
  } finally {
    editor.destroy();
  }
}

function button(label, key, shortcut) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "rich-editor__button";
  element.textContent = label;
  element.dataset.command = key;
  if (shortcut) element.setAttribute("aria-keyshortcuts", shortcut);
  return element;
}

const COMMANDS = [
  { key: "heading1", label: "Overskrift", pressed: (e) => e.isActive("heading", { level: 1 }),
    run: (c) => c.toggleHeading({ level: 1 }) },
  { key: "heading2", label: "Underoverskrift", pressed: (e) => e.isActive("heading", { level: 2 }),
    run: (c) => c.toggleHeading({ level: 2 }) },
  { key: "bold", label: "Fet", shortcut: "Control+B", pressed: (e) => e.isActive("bold"),
    run: (c) => c.toggleBold() },
  { key: "italic", label: "Kursiv", shortcut: "Control+I", pressed: (e) => e.isActive("italic"),
    run: (c) => c.toggleItalic() },
  { key: "bulletList", label: "Punktliste", pressed: (e) => e.isActive("bulletList"),
    run: (c) => c.toggleBulletList() },
  { key: "orderedList", label: "Nummerert liste", pressed: (e) => e.isActive("orderedList"),
    run: (c) => c.toggleOrderedList() },
  { key: "link", label: "Lenke", shortcut: "Control+K", pressed: (e) => e.isActive("link"),
    run: null },
  // Markdown has no table in a table: inside one, the table's own buttons replace this one.
  { key: "table", label: "Tabell", inTable: false,
    run: (c) => c.insertTable({ rows: 3, cols: 2, withHeaderRow: true }) },
  { key: "addRow", label: "Ny rad", inTable: true, run: (c) => c.addRowAfter() },
  { key: "addColumn", label: "Ny kolonne", inTable: true, run: (c) => c.addColumnAfter() },
  { key: "deleteTable", label: "Slett tabell", inTable: true, run: (c) => c.deleteTable() },
];

// The link panel under the toolbar: an address for the selection's link. It has no name, so
// it is never sent with the form; Enter applies it, Esc closes it, focus goes back to the text.
function linkPanel(editor, id) {
  const panel = document.createElement("div");
  panel.className = "rich-editor__link";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", "Lenke");
  panel.hidden = true;
  const label = document.createElement("label");
  label.htmlFor = `${id}-link`;
  label.textContent = "Lenkeadresse";
  const input = document.createElement("input");
  input.id = `${id}-link`;
  input.type = "text";
  input.inputMode = "url";
  input.autocomplete = "url";
  input.placeholder = "https://www.regjeringen.no/";
  input.className = "rich-editor__link-input";
  const apply = button("Bruk lenken", "applyLink");
  const remove = button("Fjern lenken", "removeLink");
  const cancel = button("Avbryt", "cancelLink");
  panel.append(label, input, apply, remove, cancel);

  const close = () => {
    panel.hidden = true;
    editor.view.focus();
  };
  const save = () => {
    const href = input.value.trim();
    editor.view.focus();
    const chain = editor.chain().focus().extendMarkRange("link");
    if (!href) chain.unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive("link")) {
      const marks = [{ type: "link", attrs: { href } }];
      chain.insertContent({ type: "text", text: href, marks }).run();
    } else chain.setLink({ href }).run();
    panel.hidden = true;
  };
  apply.addEventListener("click", save);
  remove.addEventListener("click", () => {
    editor.view.focus();
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    panel.hidden = true;
  });
  cancel.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Enter" && event.target === input) {
      event.preventDefault(); // not the form's submit
      save();
    }
  });
  const open = () => {
    input.value = editor.getAttributes("link").href || "";
    remove.hidden = !editor.isActive("link");
    panel.hidden = false;
    input.focus();
  };
  return { panel, open };
}

// An ARIA toolbar: one tab stop, arrow keys, Home and End move between the buttons.
function keyboardToolbar(toolbar) {
  const visible = () => [...toolbar.querySelectorAll("button")].filter((b) => !b.hidden);
  const focusAt = (target) => {
    for (const b of visible()) b.tabIndex = b === target ? 0 : -1;
    target.focus();
  };
  toolbar.addEventListener("keydown", (event) => {
    const buttons = visible();
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const moves = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    focusAt(buttons[(moves[event.key] + buttons.length) % buttons.length]);
  });
  toolbar.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLButtonElement) focusAt(event.target);
  });
  return () => {
    const buttons = visible();
    if (!buttons.some((b) => b.tabIndex === 0) && buttons.length) buttons[0].tabIndex = 0;
  };
}

function nextFocusable(element) {
  const form = element.closest("form");
  const selector = "button, input, select, textarea, a[href]";
  const candidates = form ? [...form.querySelectorAll(selector)] : [];
  return candidates.find(
    (c) =>
      !element.contains(c) &&
      element.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING &&
      !c.hidden &&
      c.type !== "hidden",
  );
}

export function mount(textarea) {
  const wrapper = document.createElement("div");
  wrapper.className = "rich-editor";
  const toolbar = document.createElement("div");
  toolbar.className = "rich-editor__toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Formatering av omtalen");
  toolbar.setAttribute("aria-controls", `${textarea.id}-editor`);
  const buttons = COMMANDS.map((command) => {
    const element = button(command.label, command.key, command.shortcut);
    toolbar.append(element);
    return [command, element];
  });
  const content = document.createElement("div");
  let link = null; // the link panel, made once the editor exists
  wrapper.append(toolbar, content);
  textarea.before(wrapper);
  textarea.hidden = true;

  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const help = document.getElementById(`${textarea.id}-editor-help`);
  const plainHelp = textarea.getAttribute("aria-describedby");
  if (help) {
    help.hidden = false;
    if (plainHelp) document.getElementById(plainHelp)?.setAttribute("hidden", "");
  }

  const schema = getSchema(extensions());
  const editor = new Editor({
    element: content,
    extensions: extensions(),
    // Tiptap's base styles are in editor.css: the Content-Security-Policy allows no <style>.
    injectCSS: false,
    content: markdownToJson(schema, textarea.value),
    editorProps: {
      attributes: {
        id: `${textarea.id}-editor`,
        class: "rich-editor__content",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : {}),
        ...(help ? { "aria-describedby": help.id } : {}),
      },
      transformPastedHTML: cleanWordHtml,
      handleKeyDown(_view, event) {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
          event.preventDefault();
          link.open();
          return true;
        }
        if (event.key === "F10" && event.altKey) {
          event.preventDefault();
          const current = toolbar.querySelector('button[tabindex="0"]');
          (current || toolbar.querySelector("button"))?.focus();
          return true;
        }
        if (event.key === "Escape") {
          nextFocusable(wrapper)?.focus();
          return true;
        }
        return false;
      },
    },
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
  link = linkPanel(editor, textarea.id);
  toolbar.after(link.panel);

  const resetTabStop = keyboardToolbar(toolbar);
  const refresh = () => {
    const inTable = editor.isActive("table");
    for (const [command, element] of buttons) {
      if (command.inTable !== undefined) element.hidden = command.inTable !== inTable;
      if (command.pressed) element.setAttribute("aria-pressed", String(command.pressed(editor)));
    }
    resetTabStop();
  };
  for (const [command, element] of buttons) {
    element.tabIndex = -1;
    element.addEventListener("click", () => {
      // Focus now, not on Tiptap's next animation frame: keys typed at once go to the text.
      if (command.run) {
        editor.view.focus();
        command.run(editor.chain().focus()).run();
      } else {
        link.open();
      }
      refresh();
    });
  }
  buttons[0][1].tabIndex = 0;
  // The textarea keeps its text until the first change, so an untouched narrative is sent
  // back exactly as it came.
  let changed = false;
  const write = () => {
    if (changed) textarea.value = toMarkdown(editor.state.doc);
  };
  editor.on("update", () => {
    changed = true;
    write();
  });
  editor.on("transaction", refresh);
  refresh();
  textarea.form?.addEventListener("submit", write);
  return editor;
}

function mountAll() {
  for (const textarea of document.querySelectorAll("textarea[data-rich-editor]")) mount(textarea);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
