// Data a page loads from the API, with its loading and error states. Call load() inside an $effect:
// the fetcher runs synchronously up to its first await, so the props it reads are tracked and a change
// of selection reloads.

export interface Resource<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  /** quietly: keep showing the current data while refreshing (after a save). */
  load(quietly?: boolean): Promise<void>;
}

export function resource<T>(fetcher: () => Promise<T>): Resource<T> {
  const state = $state<{ error: string | null; loading: boolean }>({ error: null, loading: true });
  // The answer is replaced whole, never changed in place: no deep proxy over thousands of rows.
  let data = $state.raw<T | null>(null);
  return {
    get data() {
      return data;
    },
    get error() {
      return state.error;
    },
    get loading() {
      return state.loading;
    },
    async load(quietly = false) {
      state.loading = !quietly;
      state.error = null;
      try {
        data = await fetcher();
      } catch (failure) {
        state.error = (failure as Error).message;
        if (!quietly) data = null;
      } finally {
        state.loading = false;
      }
    },
  };
}
