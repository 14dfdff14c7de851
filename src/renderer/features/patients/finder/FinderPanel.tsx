import { Kbd, Stack, Text, TextInput } from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PatientRow } from '../data/patientsRepo';
import { useDesk } from '../../../app/DeskContext';
import { useToday } from '../../../app/useToday';
import { usePatientSearch } from '../usePatientSearch';
import { FinderResultList, PAGE_SIZE, type FinderResultListHandle } from './FinderResultList';
import { moveForKey, nextHighlight } from './finderNavigation';
import { useOpenPatient } from './useOpenPatient';

/** More than this many matches says "keep typing" rather than listing everyone. */
const RESULT_LIMIT = 200;

/** The finder's search box and results; mounted fresh each time the finder opens. */
export function FinderPanel({ onOpened }: { onOpened: () => void }) {
  const desk = useDesk();
  const today = useToday().date;
  const openPatient = useOpenPatient();
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const { results, searchedFor, notReady } = usePatientSearch(query, { limit: RESULT_LIMIT });
  const settled = searchedFor === query;
  const listRef = useRef<FinderResultListHandle>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Focus in the same task as the Ctrl+K that opened the finder, so what is typed straight after
  // it lands here and not in the field that had focus behind the finder.
  useLayoutEffect(() => inputRef.current?.focus(), []);
  const opening = useRef(false);
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const active = results.length > 0 ? Math.min(highlight, results.length - 1) : -1;

  const open = async (patient: PatientRow | undefined) => {
    if (!patient || opening.current) return;
    opening.current = true;
    try {
      if (await openPatient(patient.id)) onOpened();
    } finally {
      opening.current = false;
    }
  };

  // Enter straight after typing (a quick typist, a wristband scanner) opens the best match for the
  // text as typed, not a row left over from the text before it.
  const openHighlighted = async () => {
    if (settled) return open(results[active]);
    const best = await desk.patients.search(query, 1).then(([first]) => first, () => undefined);
    return open(best);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void openHighlighted();
      return;
    }
    const move = moveForKey(event);
    if (!move) return;
    event.preventDefault();
    const next = nextHighlight(active, move, results.length, PAGE_SIZE);
    if (next < 0) return;
    setHighlight(next);
    listRef.current?.scrollToIndex(next);
  };

  return (
    <Stack gap="sm">
      <TextInput
        ref={inputRef}
        data-autofocus
        aria-label="Find patient"
        placeholder="Name, date of birth, phone or MRN"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setHighlight(0);
          listRef.current?.scrollToIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <FinderStatus query={query} searchedFor={searchedFor} count={results.length} notReady={notReady} />
      <FinderResultList
        ref={listRef}
        id={listId}
        results={results}
        active={active}
        busy={!settled}
        optionId={optionId}
        today={today}
        onHighlight={setHighlight}
        onChoose={(p) => void open(p)}
      />
    </Stack>
  );
}

/**
 * One line under the search box: how to use it, how many matched, or that nobody did. Counts and
 * "no match" follow the last finished search, so the line does not flicker while typing.
 */
function FinderStatus({ query, searchedFor, count, notReady }: { query: string; searchedFor: string; count: number; notReady: string | null }) {
  const typed = query.trim() !== '';
  const message = !typed ? '' : notReady ? notReady : count > 0 ? resultCountLabel(count) : searchedFor.trim() ? `No patient matches “${searchedFor.trim()}”.` : '';
  return (
    <>
      {!typed && (
        <Text size="sm" c="dimmed">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>Page Up</Kbd> <Kbd>Page Down</Kbd> by page · <Kbd>Ctrl</Kbd>+<Kbd>Home</Kbd> / <Kbd>End</Kbd> first or
          last · <Kbd>Enter</Kbd> open · <Kbd>Esc</Kbd> close
        </Text>
      )}
      <Text size="sm" c="dimmed" role="status" hidden={!typed}>
        {message}
      </Text>
    </>
  );
}

function resultCountLabel(count: number): string {
  if (count >= RESULT_LIMIT) return `${RESULT_LIMIT}+ results, keep typing`;
  return count === 1 ? '1 result' : `${count} results`;
}
