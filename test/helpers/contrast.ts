/**
 * Colour measurements for the focus-ring and forced-colors tests: computed colours parsed to sRGB,
 * WCAG 2.x relative luminance and contrast ratio, the colour really behind an element, and pixels
 * read from a screenshot of the page (the `screenshot` command of test/helpers-node/wtr-page-commands.mjs).
 */
import { executeServerCommand } from '@web/test-runner-commands';

export type Rgba = readonly [r: number, g: number, b: number, a: number];

/** A computed colour (`rgb()`, `rgba()` or `color(srgb …)`) as 0–255 channels and alpha 0–1. */
export function parseColor(css: string): Rgba {
  const rgb = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (rgb) {
    const [r = 0, g = 0, b = 0, a = 1] = rgb[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  }
  const srgb = /^color\(srgb ([^)]+)\)$/.exec(css.trim());
  if (srgb) {
    const [r = 0, g = 0, b = 0, a = 1] = srgb[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
    return [r * 255, g * 255, b * 255, a];
  }
  throw new Error(`Cannot parse the colour "${css}"`);
}

/** WCAG 2.x relative luminance of an opaque sRGB colour. */
export function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two opaque colours (1–21). */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` drawn over `bottom` (alpha compositing), opaque when `bottom` is. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as unknown as Rgba;
}

/** The parent in the flat tree: through shadow roots to their host, and from slotted content to the slot. */
function parentOf(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The opaque colour behind an element's box: its ancestors' backgrounds composited from the page
 * (white, Chromium's default canvas, or the canvas colour of a dark `color-scheme`) up.
 */
export function backgroundBehind(el: Element, includeSelf = false): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = includeSelf ? el : parentOf(el); node; node = parentOf(node)) {
    const color = parseColor(getComputedStyle(node).backgroundColor);
    if (color[3] > 0) layers.push(color);
    if (color[3] === 1) break;
  }
  let result: Rgba = parseColor(getComputedStyle(document.documentElement).backgroundColor);
  if (result[3] < 1) result = [255, 255, 255, 1];
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}

/** An element's own fill over what is behind it (a control's face). */
export function fillOf(el: Element): Rgba {
  return backgroundBehind(el, true);
}

/** A part of the viewport as pixels (CSS px, device scale 1). */
export async function capture(rect: { x: number; y: number; width: number; height: number }): Promise<ImageData> {
  const clip = {
    x: Math.max(0, Math.floor(rect.x)),
    y: Math.max(0, Math.floor(rect.y)),
    width: Math.ceil(rect.width),
    height: Math.ceil(rect.height),
  };
  const base64 = await executeServerCommand<string, typeof clip>('screenshot', clip);
  const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** The pixel at (x, y) of a capture. */
export function pixel(image: ImageData, x: number, y: number): Rgba {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  const d = image.data;
  return [d[i]!, d[i + 1]!, d[i + 2]!, 1];
}

/** Turn forced-colors emulation on or off for this page (CDP `Emulation.setEmulatedMedia`). */
export async function emulateForcedColors(active: boolean): Promise<void> {
  await executeServerCommand('emulate-forced-colors', { active });
  // The media query answers at once; give style a frame to follow.
  await new Promise(requestAnimationFrame);
}

/** A system colour (`Highlight`, `CanvasText`…) as the page resolves it now. */
export function systemColor(name: string): Rgba {
  const probe = document.createElement('span');
  probe.style.color = name;
  document.body.append(probe);
  try {
    return parseColor(getComputedStyle(probe).color);
  } finally {
    probe.remove();
  }
}
