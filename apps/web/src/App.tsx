import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Toaster } from './components/Toaster.tsx';
import { TooltipProvider } from './components/Tooltip.tsx';
import { makeQueryClient } from './lib/query.ts';
import { makeTrpcClient, TRPCProvider } from './lib/trpc.ts';
import { AppRoutes } from './routes.tsx';

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <TooltipProvider delayDuration={300}>
          <AppRoutes />
          <Toaster />
        </TooltipProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
