import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'dayjs/locale/zh-cn';
import { I18nProvider, useI18n } from './i18n.js';
import { AuthProvider, useAuth } from './auth.js';
import { LoginPage } from '../pages/LoginPage.js';
import { ApiError } from './api.js';

const Shell = lazy(() => import('./ShellFrame.js'));
const SetupPage = lazy(() => import('../pages/SetupPage.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

function Loading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
      <Spin size="large" />
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

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { colorPrimary: '#c8161d', borderRadius: 4 } }}
    >
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
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
