import { dayLabel } from '../state/format';

export function DayDivider({ ts }: { ts: number }) {
  return (
    <li class="day-divider" role="separator" aria-label={dayLabel(ts, Date.now())}>
      <span>{dayLabel(ts, Date.now())}</span>
    </li>
  );
}
