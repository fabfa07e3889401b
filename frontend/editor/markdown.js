// Markdown <-> the editor's document, with the rules of Tiltak's own renderer (CommonMark and
// pipe tables, markdown-it): a narrative that goes into the editor and out again unchanged
// comes back as the same text. How a list was written (its bullet, its delimiter, whether it
// was tight, whether it followed its paragraph without a blank line) is kept in attributes
// the editor does not show (markdownHints in editor.js).
import MarkdownIt from "markdown-it";
import { MarkdownParser, MarkdownSerializer, MarkdownSerializerState } from "prosemirror-markdown";

// markdown-it hides the paragraphs of a tight list; a list whose items hold only other
// lists ("- 1) text") has no paragraph of its own and is tight.
function listIsTight(tokens, index) {
  const level = tokens[index].level + 2; // list → item → paragraph
  for (let i = index + 1; i < tokens.length && tokens[i].level > tokens[index].level; i++) {
    if (tokens[i].type === "paragraph_open" && tokens[i].level === level) return tokens[i].hidden;
  }
  return true;
}

// A list written on the line after its paragraph (no blank line between).
function listIsAttached(tokens, index) {
  const list = tokens[index];
  const previous = tokens[index - 1];
  if (!list.map || !previous || previous.type !== "paragraph_close") return false;
  for (let i = index - 2; i >= 0; i--) {
    if (tokens[i].type === "paragraph_open" && tokens[i].level === previous.level) {
      return tokens[i].map?.[1] === list.map[0];
    }
  }
  return false;
}

function cellAlign(token) {
  const style = token.attrGet("style") || "";
  const match = /text-align:\s*(left|center|right)/.exec(style);
  return match ? match[1] : null;
}

export function markdownParser(schema) {
  const markdownit = MarkdownIt("commonmark", { html: false }).enable("table");
  const parser = new MarkdownParser(schema, markdownit, {
    blockquote: { block: "blockquote" },
    paragraph: { block: "paragraph" },
    list_item: { block: "listItem" },
    bullet_list: {
      block: "bulletList",
      getAttrs: (token, tokens, i) => ({
        bullet: token.markup || "-",
        tight: listIsTight(tokens, i),
        attached: listIsAttached(tokens, i),
      }),
    },
    ordered_list: {
      block: "orderedList",
      getAttrs: (token, tokens, i) => ({
        start: Number(token.attrGet("start") || 1),
        delimiter: token.markup || ".",
        tight: listIsTight(tokens, i),
        attached: listIsAttached(tokens, i),
      }),
    },
    heading: { block: "heading", getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
    code_block: { block: "codeBlock", noCloseToken: true },
    fence: {
      block: "codeBlock",
      getAttrs: (token) => ({ language: token.info || null }),
      noCloseToken: true,
    },
    hr: { node: "horizontalRule" },
    hardbreak: { node: "hardBreak" },
    em: { mark: "italic" },
    strong: { mark: "bold" },
    link: {
      mark: "link",
      getAttrs: (token) => ({ href: token.attrGet("href"), title: token.attrGet("title") || null }),
    },
    code_inline: { mark: "code", noCloseToken: true },
    table: { block: "table" },
    thead: { ignore: true },
    tbody: { ignore: true },
    tr: { block: "tableRow" },
  });
  // A cell holds paragraphs in the editor, inline text in Markdown.
  for (const [tag, type] of [["th", "tableHeader"], ["td", "tableCell"]]) {
    parser.tokenHandlers[`${tag}_open`] = (state, token) => {
      state.openNode(schema.nodes[type], { align: cellAlign(token) });
      state.openNode(schema.nodes.paragraph, {});
    };
    parser.tokenHandlers[`${tag}_close`] = (state) => {
      state.closeNode();
      state.closeNode();
    };
  }
  return parser;
}

// Text that would read as Markdown or HTML syntax is escaped; beyond prosemirror-markdown's
// own rules: "1) " at the start of a line (a list in CommonMark) and "<" before a tag name;
// a "*" or "_" with space on both sides cannot mark emphasis and is left as written.
const escape = MarkdownSerializerState.prototype.esc;
MarkdownSerializerState.prototype.esc = function esc(text, startOfLine = false) {
  let out = escape.call(this, text, startOfLine).replace(/<(?=[A-Za-z/!?])/g, "\\<");
  out = out.replace(/(^|\s)\\([*_])(?=\s|$)/g, (match, space, mark, offset) =>
    startOfLine && offset === 0 ? match : space + mark,
  );
  if (startOfLine) out = out.replace(/^(\s*\d+)\)(\s)/, "$1\\)$2");
  return out;
};

function renderList(state, node, marker) {
  if (node.attrs.attached && state.closed && state.closed.type.name === "paragraph") {
    state.flushClose(1);
  }
  state.renderList(node, " ".repeat(marker(0).length), marker);
}

// A pipe-table cell is one line: its paragraphs and line breaks become spaces, pipes escaped.
function cellText(state, cell) {
  const inner = new MarkdownSerializerState(state.nodes, state.marks, state.options);
  cell.forEach((block, _, i) => {
    if (i) inner.out += " ";
    if (block.isTextblock) inner.renderInline(block);
    else inner.out += state.esc(block.textContent);
  });
  return inner.out.replace(/\\?\n/g, " ").replace(/\|/g, "\\|");
}

const DIVIDER = { left: ":--", center: ":-:", right: "--:" };

export const markdownSerializer = new MarkdownSerializer(
  {
    blockquote(state, node) {
      state.wrapBlock("> ", null, node, () => state.renderContent(node));
    },
    codeBlock(state, node) {
      const fence = node.textContent.match(/`{3,}/gm)?.sort().pop()?.concat("`") || "```";
      state.write(`${fence}${node.attrs.language || ""}\n`);
      state.text(node.textContent, false);
      state.write("\n");
      state.write(fence);
      state.closeBlock(node);
    },
    heading(state, node) {
      state.write(`${"#".repeat(node.attrs.level)} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    horizontalRule(state, node) {
      state.write("---");
      state.closeBlock(node);
    },
    bulletList(state, node) {
      renderList(state, node, () => `${node.attrs.bullet || "-"} `);
    },
    orderedList(state, node) {
      const start = node.attrs.start || 1;
      const width = String(start + node.childCount - 1).length;
      const delimiter = node.attrs.delimiter || ".";
      renderList(state, node, (i) => `${String(start + i).padStart(width, " ")}${delimiter} `);
    },
    listItem(state, node) {
      // An item opens with a paragraph in the editor; an empty one before a list is the
      // editor's form of "- 1) text" (an item that holds only a list), written so again.
      node.forEach((child, _, i) => {
        const listFirst = i === 0 && child.type.name === "paragraph" && child.childCount === 0
          && /List$/.test(node.maybeChild(1)?.type.name || "");
        if (!listFirst) state.render(child, node, i);
      });
    },
    paragraph(state, node) {
      state.renderInline(node);
      state.closeBlock(node);
    },
    hardBreak(state, node, parent, index) {
      for (let i = index + 1; i < parent.childCount; i++) {
        if (parent.child(i).type !== node.type) {
          state.write("\\\n");
          return;
        }
      }
    },
    text(state, node) {
      if (state.inAutolink) {
        state.text(node.text, false);
        return;
      }
      // Parentheses in a link's text are escaped, as Tiltak's importer writes them.
      if (node.marks.some((mark) => mark.type.name === "link")) {
        state.write();
        state.out += state.esc(node.text, state.atBlockStart).replace(/[()]/g, "\\$&");
        return;
      }
      state.text(node.text, true);
    },
    table(state, node) {
      const rows = [];
      node.forEach((row) => {
        const cells = [];
        row.forEach((cell) => cells.push(cellText(state, cell)));
        rows.push(cells);
      });
      const header = rows[0] || [];
      const aligns = [];
      node.firstChild?.forEach((cell) => aligns.push(DIVIDER[cell.attrs.align] || "---"));
      const lines = [header, aligns, ...rows.slice(1)].map((cells) => `| ${cells.join(" | ")} |`);
      state.write(lines.join("\n"));
      state.closeBlock(node);
    },
  },
  {
    italic: { open: "*", close: "*", mixable: true, expelEnclosingWhitespace: true },
    bold: { open: "**", close: "**", mixable: true, expelEnclosingWhitespace: true },
    link: {
      open(state, mark, parent, index) {
        state.inAutolink = isPlainUrl(mark, parent, index);
        return state.inAutolink ? "<" : "[";
      },
      close(state, mark) {
        const { inAutolink } = state;
        state.inAutolink = undefined;
        if (inAutolink) return ">";
        // Parentheses and quotes escaped, spaces encoded: the address stays one token.
        const href = (mark.attrs.href || "").replace(/[()"\s]/g, (c) =>
          /\s/.test(c) ? encodeURI(c) : `\\${c}`,
        );
        const title = mark.attrs.title ? ` "${mark.attrs.title.replace(/"/g, '\\"')}"` : "";
        return `](${href}${title})`;
      },
      mixable: true,
    },
    code: {
      open(_state, _mark, parent, index) {
        return backticksFor(parent.child(index), -1);
      },
      close(_state, _mark, parent, index) {
        return backticksFor(parent.child(index - 1), 1);
      },
      escape: false,
    },
  },
  { hardBreakNodeName: "hardBreak", strict: false },
);

function isPlainUrl(mark, parent, index) {
  if (mark.attrs.title || !/^\w+:/.test(mark.attrs.href || "")) return false;
  const content = parent.child(index);
  if (!content.isText || content.text !== mark.attrs.href) return false;
  if (content.marks[content.marks.length - 1] !== mark) return false;
  return index === parent.childCount - 1 || !mark.isInSet(parent.child(index + 1).marks);
}

function backticksFor(node, side) {
  const ticks = /`+/g;
  let len = 0;
  let match;
  if (node.isText) while ((match = ticks.exec(node.text))) len = Math.max(len, match[0].length);
  let result = len > 0 && side > 0 ? " `" : "`";
  for (let i = 0; i < len; i++) result += "`";
  if (len > 0 && side < 0) result += " ";
  return result;
}

export function toMarkdown(doc) {
  return markdownSerializer.serialize(doc, { tightLists: true });
}
