// HTML pasted from Word: its list paragraphs ("MsoListParagraph" with an "mso-list" style and
// a typed bullet or number) become real lists; everything else is left to the editor's schema,
// which keeps headings, paragraphs, lists, tables, links, bold and italic and drops the rest
// (styles, classes, fonts, <o:p>, comments).
const WORD_LIST = /mso-list:\s*(\w+)\s+level(\d+)/i;
const NUMBERED = /^\s*(\d+|[a-zA-Z]|[ivxlcdm]+)[.)]\s*$/i;

// The Word list a paragraph belongs to and its level (1 is the outermost), or level 0.
function wordList(paragraph) {
  const match = WORD_LIST.exec(paragraph.getAttribute("style") || "");
  if (match) return { id: match[1], level: Number(match[2]) };
  return { id: "", level: /MsoListParagraph/i.test(paragraph.className) ? 1 : 0 };
}

// The typed marker ("·", "1.") Word writes in a span styled "mso-list:Ignore".
function takeMarker(paragraph) {
  const ignored = [...paragraph.querySelectorAll("span")].find((span) =>
    /mso-list:\s*ignore/i.test(span.getAttribute("style") || ""),
  );
  if (!ignored) return "";
  const marker = ignored.textContent.replace(/\u00a0/g, " ").trim();
  ignored.remove();
  return marker;
}

export function cleanWordHtml(html) {
  if (!/mso-|urn:schemas-microsoft-com|MsoNormal/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const node of doc.querySelectorAll("style, meta, link, xml")) node.remove();
  const items = [...doc.body.querySelectorAll("p")]
    .map((paragraph) => ({ paragraph, ...wordList(paragraph) }))
    .filter((entry) => entry.level > 0);
  const byParagraph = new Map(items.map((entry) => [entry.paragraph, entry]));
  // Decide before changing the document which list paragraphs continue the one before.
  for (const entry of items) {
    const before = byParagraph.get(entry.paragraph.previousElementSibling);
    entry.continues = before !== undefined && before.id === entry.id;
    entry.tag = NUMBERED.test(takeMarker(entry.paragraph)) ? "ol" : "ul";
  }
  let stack = []; // the lists being built, outermost first: {level, list}
  for (const { paragraph, level, continues, tag } of items) {
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    if (!continues) stack = [];
    while (stack.length && stack[stack.length - 1].level > level) stack.pop();
    let top = stack[stack.length - 1];
    if (top && top.level === level && top.list.tagName.toLowerCase() !== tag) {
      stack.pop(); // a numbered list after a bulleted one, at the same level
      top = stack[stack.length - 1];
    }
    if (!top || top.level < level) {
      const list = doc.createElement(tag);
      if (top) top.list.lastElementChild.append(list);
      else paragraph.before(list);
      top = { level, list };
      stack.push(top);
    }
    top.list.append(item);
    paragraph.remove();
  }
  return doc.body.innerHTML;
}
