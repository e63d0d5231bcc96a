import type { ThemeConfig } from 'antd';

export const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  // Bundled with the app (@fontsource/noto-sans-sc, imported in main.tsx): Chinese renders the same on
  // every machine, including one without CJK fonts.
  '"Noto Sans SC"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
  '"Apple Color Emoji"',
  '"Segoe UI Emoji"',
].join(', ');

/**
 * antd's default blue, red, green, orange and grey text fall below 4.5:1 on white; these are the
 * darker steps of the same palettes (contrast on #fff in the comments).
 */
const accessibleColours = {
  colorPrimary: '#0958d9', // 6.2:1
  // antd lightens on hover; darker steps keep white button text and link text above 4.5:1.
  colorPrimaryHover: '#003eb3',
  colorPrimaryActive: '#002c8c',
  colorLinkHover: '#003eb3',
  colorLinkActive: '#002c8c',
  colorInfo: '#0958d9',
  colorLink: '#0958d9',
  colorError: '#cf1322', // 5.6:1
  colorSuccess: '#237804', // 5.6:1 (#389e0d is only 3.5:1)
  colorWarning: '#ad4e00', // 5.4:1
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)', // 7.0:1
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)', // 5.7:1
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  // The tints behind status tags and alerts: antd derives them from the darker seeds above, which
  // gives muddy backgrounds (#ede4d5 under #ad4e00 is only 4.3:1); these are antd's usual light
  // steps, keeping tag text above 4.5:1.
  colorSuccessBg: '#f6ffed',
  colorSuccessBorder: '#b7eb8f',
  colorWarningBg: '#fff7e6',
  colorWarningBorder: '#ffd591',
  colorErrorBg: '#fff1f0',
  colorErrorBorder: '#ffa39e',
  colorInfoBg: '#e6f4ff',
  colorInfoBorder: '#91caff',
} as const;

export interface ThemeInputs {
  elderMode: boolean;
  phone: boolean;
  /** prefers-reduced-motion: antd's drawers, dialogs and messages appear without animating. */
  reducedMotion?: boolean;
}

interface Sizes {
  fontSize: number;
  controlHeightSM: number;
  controlHeight: number;
  controlHeightLG: number;
  menuItemHeight: number;
}

function sizesFor({ elderMode, phone }: ThemeInputs): Sizes {
  // Elder mode (MIIT elderly-friendly rules): 18 px text, 60 px primary actions.
  if (elderMode)
    return { fontSize: 18, controlHeightSM: 44, controlHeight: 52, controlHeightLG: 60, menuItemHeight: 56 };
  // Phones: 44 px touch targets, and 16 px text so iOS does not zoom into a focused input.
  if (phone) return { fontSize: 16, controlHeightSM: 44, controlHeight: 44, controlHeightLG: 52, menuItemHeight: 48 };
  return { fontSize: 14, controlHeightSM: 24, controlHeight: 32, controlHeightLG: 40, menuItemHeight: 40 };
}

export function buildTheme(inputs: ThemeInputs): ThemeConfig {
  const sizes = sizesFor(inputs);
  return {
    cssVar: true,
    hashed: false,
    token: {
      ...accessibleColours,
      fontFamily,
      fontSize: sizes.fontSize,
      controlHeightSM: sizes.controlHeightSM,
      controlHeight: sizes.controlHeight,
      controlHeightLG: sizes.controlHeightLG,
      lineWidthFocus: 3,
      motion: !inputs.reducedMotion,
    },
    components: {
      Menu: {
        itemHeight: sizes.menuItemHeight,
        itemSelectedColor: accessibleColours.colorPrimary,
      },
      Layout: {
        headerBg: '#ffffff',
        headerPadding: inputs.phone ? '0 8px' : '0 24px',
        siderBg: '#ffffff',
        bodyBg: '#f5f5f5',
      },
    },
  };
}
