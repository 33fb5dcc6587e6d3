import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider, useI18n } from './i18n.js';
import { AuthProvider, useAuth } from './auth.js';
import { LoginPage } from '../pages/LoginPage.js';
import { ApiError } from './api.js';
import './base.css';

// antd comes with these, after login or on first-run setup: the login page does without it (decision 020).
const Shell = lazy(() => import('./ShellFrame.js'));
const SetupPage = lazy(() => import('./SetupFrame.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

/** Shown while the session is checked and while the shell's code arrives: a spinner and a word, never a blank page. */
function Loading() {
  const { tr } = useI18n();
  return (
    <div className="xf-loading" role="status" data-testid="app-loading">
      <span className="xf-spinner" aria-hidden />
      <span>{tr('加载中…', 'Loading…')}</span>
    </div>
  );
}

function RequireLogin() {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.user.mustChangePassword && location.pathname !== '/change-password')
    return <Navigate to="/change-password" replace />;
  return (
    <Suspense fallback={<Loading />}>
      <Shell />
    </Suspense>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                path="/setup"
                element={
                  <Suspense fallback={<Loading />}>
                    <SetupPage />
                  </Suspense>
                }
              />
              <Route path="/*" element={<RequireLogin />} />
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
