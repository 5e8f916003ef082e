import { ja } from '../../../preload/i18n/ja';

/** Over this, the confirmation speaks of minutes. */
const MINUTES_FROM_SECONDS = 120;

/** 「約S秒」's S (at least 1, rounded up), or minutes once it is over two minutes. */
export function durationText(seconds: number): string {
  if (seconds > MINUTES_FROM_SECONDS) return ja.bulkMail.minutes(Math.ceil(seconds / 60));
  return ja.bulkMail.seconds(Math.max(1, Math.ceil(seconds)));
}
