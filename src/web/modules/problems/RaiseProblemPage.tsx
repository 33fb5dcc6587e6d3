import { useState } from 'react';
import { App, Button, Card, Form, Image, Input, Select, Space, Typography } from 'antd';
import { CameraOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useI18n } from '../../app/i18n.js';
import { PROBLEM_CATEGORIES } from '../../../shared/problem-categories.js';
import type { ProblemDetail, ProjectOptionList } from './api.js';
import { newRequestId, uploadPhoto, type UploadedPhoto } from './photo-upload.js';
import type { OrgOptions } from '../../../shared/api/orgs.js';

interface FormValues {
  category: string;
  description: string;
  title?: string;
  projectId?: number;
  firmUnitId?: number;
}

/** 吹哨 from a phone: category, what is wrong, the project (optional), photos from the camera. */
export default function RaiseProblemPage() {
  const { tr, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [requestId] = useState(newRequestId);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [uploading, setUploading] = useState(false);
  const isFirm = me?.user.scope.kind === 'firm';
  const projects = useQuery({
    queryKey: ['problem-projects'],
    queryFn: () => get<ProjectOptionList>('/api/problems/project-options'),
  });
  const firms = useQuery({
    queryKey: ['firm-options'],
    enabled: !isFirm,
    queryFn: () => get<OrgOptions>('/api/orgs/options', { kind: 'firm', limit: 500 }),
  });
  const visible = projects.data?.data ?? [];
  const onlyProject = visible.length === 1 ? visible[0] : undefined;
  const submit = useMutation({
    mutationFn: (v: FormValues) =>
      post<ProblemDetail>('/api/problems', {
        ...v,
        projectId: onlyProject?.id ?? v.projectId,
        clientRequestId: requestId,
        photoIds: photos.map((p) => p.id),
      }),
    onSuccess: (p) => {
      void message.success(tr(`已提交，问题编号 ${p.code}`, `Submitted as ${p.code}`));
      void navigate(`/problems/${p.id}`);
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const onFiles = async (files: FileList | null) => {
    if (!files || !me) return;
    setUploading(true);
    try {
      for (const f of Array.from(files).slice(0, 9 - photos.length)) {
        const p = await uploadPhoto(f, me.csrfToken);
        setPhotos((xs) => [...xs, p]);
      }
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Card
      title={tr('我要吹哨（提出问题）', 'Raise a problem')}
      style={{ maxWidth: 640, margin: '0 auto' }}
      data-testid="raise-page"
    >
      <Typography.Paragraph type="secondary">
        {tr(
          '提交后由党工委受理并派给职能部门限时办理，办理进度和答复会在「我的问题」里看到。',
          'The committee accepts it and dispatches it to departments with deadlines; follow it under “My problems”.',
        )}
      </Typography.Paragraph>
      <Form<FormValues> layout="vertical" size="large" onFinish={(v) => submit.mutate(v)} disabled={submit.isPending}>
        <Form.Item
          name="category"
          label={tr('问题类别', 'Category')}
          rules={[{ required: true, message: tr('请选择问题类别', 'Choose a category') }]}
        >
          <Select
            data-testid="raise-category"
            placeholder={tr('选择类别', 'Choose')}
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c.code, label: lang === 'zh' ? c.zh : c.en }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={tr('问题描述', 'What is wrong')}
          rules={[{ required: true, message: tr('请描述遇到的问题', 'Describe the problem') }]}
        >
          <Input.TextArea
            data-testid="raise-description"
            rows={5}
            maxLength={2000}
            showCount
            placeholder={tr('例如：项目用地指标迟迟未下达，影响开工', 'e.g. the land quota has not been issued')}
          />
        </Form.Item>
        {!isFirm && (
          <Form.Item name="firmUnitId" label={tr('企业', 'Firm')}>
            <Select
              allowClear
              showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }}
              options={(firms.data?.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
            />
          </Form.Item>
        )}
        {onlyProject ? (
          // A known fact is shown, not asked: the actor's only visible project (the server still checks it).
          <Form.Item label={tr('所属项目', 'Project')} data-testid="raise-project-fact">
            <Typography.Text strong>{onlyProject.name}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="projectId" label={tr('所属项目（可选）', 'Project (optional)')}>
            <Select
              allowClear
              data-testid="raise-project"
              options={(projects.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        <Form.Item label={tr('照片（可选，最多 9 张）', 'Photos (optional, up to 9)')}>
          <Space wrap>
            {photos.map((p) => (
              <Image key={p.id} src={p.url} width={72} height={72} style={{ objectFit: 'cover' }} />
            ))}
            <label>
              <input
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                style={{ display: 'none' }}
                data-testid="raise-photo"
                onChange={(e) => void onFiles(e.target.files)}
              />
              <Button
                icon={<CameraOutlined />}
                loading={uploading}
                onClick={(e) => (e.currentTarget.previousElementSibling as HTMLInputElement | null)?.click()}
              >
                {tr('拍照/选图', 'Camera')}
              </Button>
            </label>
          </Space>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          icon={<SendOutlined />}
          loading={submit.isPending}
          data-testid="raise-submit"
          style={{ height: 48 }}
          className="xf-phone-action"
        >
          {tr('提交问题', 'Submit')}
        </Button>
      </Form>
    </Card>
  );
}
