export {
  chineseDaysDataset,
  HolidayDatasetError,
  mergeDatasets,
  type HolidayDataset,
  type HolidayYear,
} from './dataset.js';
export { shanghaiDateOf, type IsoDate } from './iso-date.js';
export {
  shippedCalendar,
  WorkingDayCalendar,
  type CountAnswer,
  type DateAnswer,
  type WorkingDayAnswer,
} from './working-days.js';
