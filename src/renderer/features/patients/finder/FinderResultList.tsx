import { Text } from '@mantine/core';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useImperativeHandle, useRef, type Ref } from 'react';
import { formatPhone, formatUsDate, patientDisplayName, primaryPhone } from '../../../../shared/patients/patient';
import type { PatientRow } from '../data/patientsRepo';
import { formatAge } from './patientSummary';
import './finder.css';

export const ROW_HEIGHT = 52;
export const LIST_HEIGHT = 420;
/** Rows that fit in the list at once: the step for Page Up and Page Down. */
export const PAGE_SIZE = Math.floor(LIST_HEIGHT / ROW_HEIGHT);

export interface FinderResultListHandle {
  scrollToIndex(index: number): void;
}

interface FinderResultListProps {
  ref: Ref<FinderResultListHandle>;
  id: string;
  results: PatientRow[];
  /** Index of the highlighted result, -1 for none. */
  active: number;
  /** A search for newer text is on its way; the rows are those of the text before. */
  busy: boolean;
  optionId(index: number): string;
  /** Today's date (`YYYY-MM-DD`) in the clinic, for ages. */
  today: string;
  onHighlight(index: number): void;
  onChoose(patient: PatientRow): void;
}

/**
 * The finder's results as a listbox that renders only the rows in view, so a short query that
 * matches hundreds of patients stays quick. Focus stays in the search box (the combobox); the
 * highlighted row is always rendered so `aria-activedescendant` has an element to point at.
 */
export function FinderResultList({ ref, id, results, active, busy, optionId, today, onHighlight, onChoose }: FinderResultListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return active >= 0 && active < range.count && !indexes.includes(active) ? [...indexes, active].sort((a, b) => a - b) : indexes;
    },
    [active],
  );
  // The app is not built with React Compiler, and the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    rangeExtractor,
  });
  useImperativeHandle(ref, () => ({ scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }) }), [virtualizer]);

  return (
    <div
      ref={scrollRef}
      id={id}
      role="listbox"
      aria-label="Search results"
      aria-busy={busy}
      tabIndex={-1}
      className="finder-list"
      style={{ height: Math.min(results.length * ROW_HEIGHT, LIST_HEIGHT) }}
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const patient = results[row.index]!;
          const age = formatAge(patient.birthDate, today);
          return (
            <div
              key={patient.id}
              id={optionId(row.index)}
              role="option"
              aria-selected={row.index === active}
              aria-setsize={results.length}
              aria-posinset={row.index + 1}
              className="finder-row"
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              // Keeps focus in the search box, where the keys work.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => row.index !== active && onHighlight(row.index)}
              onClick={() => onChoose(patient)}
            >
              <Text fw={600}>{patientDisplayName(patient)}</Text>
              <Text size="sm">
                {formatUsDate(patient.birthDate)}
                {age && (
                  <Text span size="sm" c="dimmed">
                    {' '}
                    ({age})
                  </Text>
                )}
              </Text>
              <Text size="sm">{formatPhone(primaryPhone(patient))}</Text>
              <Text size="sm" c="dimmed">
                {patient.mrn}
              </Text>
            </div>
          );
        })}
      </div>
    </div>
  );
}
