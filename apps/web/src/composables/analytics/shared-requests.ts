/**
 * Requests of one page that can serve more than one of its queries:
 * - `joint(key, ask)`: queries asking for the same thing at the same time get one request (the
 *   first call starts it; it is forgotten once answered, so a later ask goes to the API again);
 * - `ahead(key, ask)` then `take(key, ask)`: a request started before its query can know its
 *   parameters (a likely guess), used once if the query then asks for exactly that, else asked
 *   for again. Only the latest guess is kept.
 * Keys are the requests' parameters (`JSON.stringify`), so only identical requests are shared.
 */
export function sharedRequests() {
  const inFlight = new Map<string, Promise<unknown>>();
  let guess: { key: string; answer: Promise<unknown> } | null = null;

  function joint<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const running = inFlight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const answer = ask();
    inFlight.set(key, answer);
    const forget = () => {
      if (inFlight.get(key) === answer) inFlight.delete(key);
    };
    answer.then(forget, forget);
    return answer;
  }

  function ahead(key: string, ask: () => Promise<unknown>): void {
    if (guess?.key === key) return;
    const answer = ask();
    answer.catch(() => undefined); // a guess nobody takes must not fail loudly
    guess = { key, answer };
  }

  function take<T>(key: string, ask: () => Promise<T>): Promise<T> {
    const taken = guess;
    guess = null;
    return taken?.key === key ? (taken.answer as Promise<T>) : ask();
  }

  return { joint, ahead, take };
}
