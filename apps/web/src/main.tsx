import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { makeQueryClient } from './lib/query.ts';
import { makeTrpcClient, type AppRouter } from './lib/trpc.ts';
import { startFirstScreen } from './routes.tsx';
import './index.css';

// index.html has already painted the app shell (layout/bootShell.ts). Before React renders,
// ask for what the first screen needs — session, coalition, the screen's data, its chunk and
// the real shell's — so it all travels in parallel (lib/prefetch.ts).
const queryClient = makeQueryClient();
const trpcClient = makeTrpcClient();
startFirstScreen({ queryClient, trpc: createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient }) }, window.location);

// The first render replaces the static shell inside #root with the same shell (ShellSkeleton).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App queryClient={queryClient} trpcClient={trpcClient} />
  </StrictMode>,
);
