import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * Text typed into a field whose value lives in the URL. The router applies a URL change in a transition, after
 * the keystroke; an input bound to the URL alone is put back to the old value meanwhile and drops the next
 * characters (5000 typed became 000). So the field holds what is typed and the URL follows once typing pauses;
 * a change from elsewhere (back, a link, "clear filters") replaces the text.
 */
export function useTypedText(value: string, commit: (text: string) => void, delayMs = 300) {
  const [text, setText] = useState(value);
  const [settled] = useDebouncedValue(text, delayMs);
  const committed = useRef(value);
  const latestCommit = useRef(commit);
  latestCommit.current = commit;

  useEffect(() => {
    if (settled === committed.current) return;
    committed.current = settled;
    latestCommit.current(settled);
  }, [settled]);
  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setText(value);
  }, [value]);

  return [text, setText] as const;
}
