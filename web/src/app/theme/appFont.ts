let requested = false;

/**
 * The app's own Chinese font (@fontsource/noto-sans-sc: about a hundred woff2 slices per weight by
 * Unicode range, ~26 KB each, of which a page fetches only those covering the characters it shows).
 * Its @font-face rules alone are ~60 KB compressed, so they are not in the render-blocking
 * stylesheet: they are asked for once the first page has rendered, and the slices then download
 * without competing with the scripts and data of that page. Until then text shows in the system's
 * font (font-display: swap).
 */
export function loadAppFont(): void {
  if (requested) return;
  requested = true;
  void Promise.all([import('@fontsource/noto-sans-sc/400.css'), import('@fontsource/noto-sans-sc/600.css')]);
}
