import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** The axe-core rule tags for WCAG 2.2 level AA (which takes in A, and 2.0 and 2.1). */
export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function describe(violation: Violation): string {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').split('\n').map((line) => `      ${line.trim()}`);
    return [`    ${node.target.join(' ')}`, ...summary].join('\n');
  });
  return [`  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help} — ${violation.helpUrl}`, ...nodes].join('\n');
}

/**
 * Runs axe-core over what the page shows now (open dialogs and overlays included) and fails with
 * each WCAG 2.2 AA violation: rule, impact, the elements' selectors and what is wrong with them.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  // Colours are measured as drawn: let opening dialogs and fades finish first (spinners go on).
  // A transition (a notification coming in or going) starts a frame or a timeout after it is set,
  // so the page is checked settled twice, a quarter second apart.
  // Notifications come in and go by a timed state change before their transition starts, so they are
  // also waited for until every part of them is drawn at full opacity (one coming in starts at 0, one
  // going is removed at the end): the opacity counted is the element's times every ancestor's.
  const settled = () =>
    page.waitForFunction(() => {
      const drawn = (el: Element | null): number => (el ? Number(getComputedStyle(el).opacity) * drawn(el.parentElement) : 1);
      return (
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
        [...document.querySelectorAll('.mantine-Notifications-root *')].every((el) => drawn(el) === 1)
      );
    });
  await settled();
  await page.waitForTimeout(250);
  await settled();
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const report = violations.map(describe).join('\n');
  expect(violations.map((v) => v.id), `Accessibility violations (WCAG 2.2 AA) on ${screen}:\n${report}`).toEqual([]);
}
