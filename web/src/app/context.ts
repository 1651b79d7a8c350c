import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { AppState } from '../state/types';
import type { Client } from './client';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientContext');
  return client;
}

/** The current state; the component re-renders on every change. */
export function useAppState(): AppState {
  const client = useClient();
  const [state, setState] = useState(client.store.get());
  useEffect(() => {
    setState(client.store.get());
    return client.store.subscribe(setState);
  }, [client]);
  return state;
}
