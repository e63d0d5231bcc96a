import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/queryClient';
import { AuthProvider } from './auth/AuthProvider';
import { ElderModeProvider } from './preferences/elderMode';
import { AppRoutes } from './routing/AppRoutes';
import { ThemedConfigProvider } from './theme/ThemedConfigProvider';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ElderModeProvider>
      <ThemedConfigProvider>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </ThemedConfigProvider>
    </ElderModeProvider>
  );
}
