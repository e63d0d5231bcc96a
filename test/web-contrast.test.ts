// Tag colours against UI.md's 4.5:1 for text, computed from the theme the web app runs with (antd's own
// derivation of its tokens), so a preset colour that looks fine but reads badly fails here, not in a
// journey that happens to show it.
import { readFileSync } from 'node:fs';
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { buildTheme } from '../web/src/app/theme/theme.js';
import { riskTagColours } from '../web/src/features/assessments/riskColours.js';

const tokens = theme.getDesignToken(buildTheme({ elderMode: false, phone: false })) as unknown as Record<
  string,
  unknown
>;

const statusToken = { success: 'Success', processing: 'Info', error: 'Error', warning: 'Warning' } as const;

/** The text and background antd gives `<Tag color={colour}>` (antd/es/tag/style: status and preset colours). */
function tagColours(colour: string): { text: string; background: string } {
  const status = statusToken[colour as keyof typeof statusToken];
  const [text, background] = status ? [`color${status}`, `color${status}Bg`] : [`${colour}7`, `${colour}1`];
  const pick = (name: string) => {
    const value = tokens[name];
    if (typeof value !== 'string') throw new Error(`no token ${name} for tag colour ${colour}`);
    return value;
  };
  return { text: pick(text), background: pick(background) };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(colour: string): number {
  const { text, background } = tagColours(colour);
  const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('tag colours', () => {
  it('catches a preset colour below 4.5:1 (antd gold and green on their tints)', () => {
    expect(contrast('gold')).toBeLessThan(4.5);
    expect(contrast('green')).toBeLessThan(4.5);
  });

  it.each(Object.entries(riskTagColours))('the %s risk grade reads at 4.5:1 or more', (_grade, colour) => {
    expect(contrast(colour)).toBeGreaterThanOrEqual(4.5);
  });
});

/** The registry's risk label (`haven-risk-<grade>` in registry.css): its own text and tint per grade. */
function registryRiskColours(): Map<string, { text: string; background: string }> {
  const css = readFileSync(new URL('../web/src/features/registry/registry.css', import.meta.url), 'utf8');
  const found = new Map<string, { text: string; background: string }>();
  for (const rule of css.matchAll(/\.haven-risk-(\w+) \{([^}]*)\}/g)) {
    const text = /(?:^|\s)color: (#[0-9a-f]{6});/.exec(rule[2]!)?.[1];
    const background = /background: (#[0-9a-f]{6});/.exec(rule[2]!)?.[1];
    if (text && background) found.set(rule[1]!, { text, background });
  }
  return found;
}

describe('the registry risk label', () => {
  const colours = registryRiskColours();

  it('has a colour for each of the four grades', () => {
    expect([...colours.keys()].sort()).toEqual(Object.keys(riskTagColours).sort());
  });

  it.each(Object.keys(riskTagColours))('the %s grade reads at 4.5:1 or more', (grade) => {
    const { text, background } = colours.get(grade)!;
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a) as [number, number];
    expect((light + 0.05) / (dark + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
