import { createTheme, darken, Drawer, isVirtualColor, luminance, Modal, Notification, toRgba, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** WCAG 2.2 AA: normal-size text needs 4.5:1 against what is behind it. */
const AA_TEXT = 4.5;
const WHITE = '#ffffff';

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** What a colour drawn at `opacity` over `background` looks like. */
function over(color: string, background: string, opacity: number): string {
  const fg = toRgba(color);
  const bg = toRgba(background);
  const blend = (f: number, b: number) => Math.round(f * opacity + b * (1 - opacity));
  return `rgb(${blend(fg.r, bg.r)}, ${blend(fg.g, bg.g)}, ${blend(fg.b, bg.b)})`;
}

/** `color`, darkened only as far as needed to be read as text on every one of `backgrounds`. */
function readableOn(color: string, backgrounds: string[], opacity = 1): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = darken(color, amount);
    if (backgrounds.every((b) => contrast(over(candidate, b, opacity), b) >= AA_TEXT)) return candidate;
  }
  return '#000000';
}

/** The palette's own shade for filled surfaces: the lightest from 6 up that white text can be read on. */
function filledShade(palette: MantineColorsTuple): string {
  return [6, 7, 8, 9].map((i) => palette[i]!).find((shade) => contrast(WHITE, shade) >= AA_TEXT) ?? readableOn(palette[9], [WHITE]);
}

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  // Someone who has asked their system for less motion gets dialogs and notices without their fades.
  respectReducedMotion: true,
  components: {
    // Their close buttons are an icon alone: they need a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // A titled notification's message is drawn in plain gray-6 (3.3:1 on white): the readable dimmed colour instead.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } }, styles: { description: { color: 'var(--mantine-color-dimmed)' } } }),
  },
});

/**
 * Mantine's light-scheme colours, kept to AA contrast: filled buttons and badges use a shade that
 * white text can be read on; light and subtle variants (Alert, light Badge and Button, the active
 * navigation item, whose hint is drawn at 90 % opacity) darken their text for their tinted
 * background and its hover; dimmed and placeholder text stay readable on white, the grey hover
 * and the primary tint of a highlighted row.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {};
  for (const [name, palette] of Object.entries(t.colors)) {
    if (isVirtualColor(palette)) continue;
    const filled = filledShade(palette);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.12);
    light[`--mantine-color-${name}-text`] = filled;
    light[`--mantine-color-${name}-outline`] = filled;
    light[`--mantine-color-${name}-light-color`] = readableOn(palette[9], [palette[1], palette[2]], 0.9);
  }
  const primary = t.colors[t.primaryColor]!;
  const gray = t.colors.gray;
  const dimmed = readableOn(gray[6], [WHITE, gray[0], gray[1], primary[1], primary[2]]);
  light['--mantine-color-dimmed'] = dimmed;
  light['--mantine-color-placeholder'] = dimmed;
  light['--mantine-color-anchor'] = filledShade(primary);
  light['--mantine-color-error'] = 'var(--mantine-color-red-text)';
  return { variables: {}, light, dark: {} };
};
