// A minimal observable store around the reducer: components subscribe, the client dispatches.
import type { Action } from './actions';
import { reducer } from './reducer';
import { initialState, type AppState } from './types';

export type Listener = (state: AppState) => void;

export class Store {
  private state: AppState = initialState();
  private readonly listeners = new Set<Listener>();

  get(): AppState {
    return this.state;
  }

  dispatch(action: Action): void {
    const next = reducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  reset(): void {
    this.state = initialState();
    for (const listener of this.listeners) listener(this.state);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
