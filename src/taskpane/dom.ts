/**
 * The only way the pane builds DOM: text always goes in as text nodes, never as HTML,
 * so a workbook or catalogue cannot inject markup (the CSP would stop scripts, but not
 * a fake button or an image beacon).
 */

export type Child = Node | string | number | null | undefined | false;
export type AttrValue = string | number | boolean | null | undefined;
export type Handler = (ev: Event) => void;
export interface Attrs {
  [name: string]: AttrValue | Handler;
}

function applyAttrs(node: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const name of Object.keys(attrs)) {
    const value = attrs[name];
    if (value === null || value === undefined || value === false) continue;
    if (name.slice(0, 2) === "on") {
      // Inline handler strings would be script from data; only functions are allowed.
      if (typeof value !== "function") throw new Error("el(): " + name + " must be a function");
      node.addEventListener(name.slice(2).toLowerCase(), value);
      continue;
    }
    if (typeof value === "function") throw new Error("el(): " + name + " cannot be a function");
    node.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
  }
}

function appendChildren(node: Node, children: Child[] | undefined): void {
  if (!children) return;
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Creates an HTML element; strings among the children become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, children?: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  applyAttrs(node, attrs);
  appendChildren(node, children);
  return node;
}

/** Removes every child (replaceChildren is missing in older Office webviews). */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Replaces a node's content with the given children. */
export function fill(node: Node, children: Child[]): void {
  clear(node);
  appendChildren(node, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}
