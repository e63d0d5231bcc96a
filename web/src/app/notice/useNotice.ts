import { message } from 'antd';
import type { ReactNode } from 'react';

type Show = (content: ReactNode, duration?: number) => ReturnType<typeof message.success>;

/** A short success, failure or hint notice at the top of the screen (seconds: antd's default 3 unless given). */
export interface Notice {
  success: Show;
  error: Show;
  info: Show;
  warning: Show;
}

// antd's static `message`, themed by ThemedConfigProvider through `ConfigProvider.config({ holderRender })`
// (themeNotices.tsx), not a `message.useMessage()` holder beside the caller: the item acted on often
// leaves its list when the lists refresh (an acknowledged report leaves my work, a transferred case
// its list), unmounting the caller and a notice held there before anyone read it. Not antd's `<App>`
// with `App.useApp()` either, which would also outlive the page and keep the theme, but puts
// message, notification and Modal's hooks into the first chunk of every page, the signed-out report
// page under its slow-3G budget included (docs/performance.md, benchmark 7); this way the message
// code arrives with the pages that show notices.
const notice: Notice = {
  success: (content, duration) => message.success(content, duration),
  error: (content, duration) => message.error(content, duration),
  info: (content, duration) => message.info(content, duration),
  warning: (content, duration) => message.warning(content, duration),
};

/** The one way pages show notices: they stay up when the component that showed them unmounts. */
export function useNotice(): Notice {
  return notice;
}
