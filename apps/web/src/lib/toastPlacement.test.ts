import { describe, expect, it } from 'vitest';
import { toastPlace, toastZone } from './toastPlacement.ts';

const row = (top: number, height = 40, left = 0, right = 1280) => ({ left, right, top, bottom: top + height });

describe('toastPlace', () => {
  it('keeps toasts bottom-right when nothing is being worked on there', () => {
    expect(toastPlace(null, 1280, 800)).toBe('bottom-right');
    expect(toastPlace(row(200), 1280, 800)).toBe('bottom-right');
    // Low on the screen but left of the toasts' column.
    expect(toastPlace(row(740, 40, 240, 600), 1280, 800)).toBe('bottom-right');
  });

  it('moves them to the top when the row being worked on is under the bottom ones', () => {
    expect(toastPlace(row(720), 1280, 800)).toBe('top-right');
    // On a phone toasts span the width: any low row counts.
    expect(toastPlace(row(680, 40, 10, 60), 375, 740)).toBe('top-right');
  });

  it('stays at the bottom when the element fills both places (the top would cover it as much)', () => {
    expect(toastPlace(row(0, 800), 1280, 800)).toBe('bottom-right');
  });

  it('keeps the top place below the 56 px top bar and within the screen', () => {
    for (const [vw, vh] of [[1280, 800], [375, 740]] as const) {
      const top = toastZone('top-right', vw, vh);
      const bottom = toastZone('bottom-right', vw, vh);
      expect(top.top).toBeGreaterThan(56);
      expect(bottom.bottom).toBeLessThanOrEqual(vh);
      expect(bottom.left).toBeGreaterThanOrEqual(0);
      expect(bottom.right).toBeLessThanOrEqual(vw);
    }
  });
});
