import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Form, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';

const maxBytes = 5 * 1024 * 1024;
const maxCount = 5;

/** Photos or PDFs kept in the form until sending; the server checks each file's real type and size again. */
export function AttachmentsField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="attachments"
      label={t('reports.field.attachments')}
      extra={t('reports.field.attachmentsHelp')}
      valuePropName="fileList"
      getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
      rules={[
        {
          validator: (_, files?: UploadFile[]) =>
            (files ?? []).some((file) => (file.size ?? 0) > maxBytes)
              ? Promise.reject(new Error(t('reports.field.attachmentTooLarge')))
              : Promise.resolve(),
        },
      ]}
    >
      <Upload
        beforeUpload={() => false}
        accept="image/jpeg,image/png,image/gif,image/webp,application/pdf"
        multiple
        maxCount={maxCount}
      >
        <Button icon={<PaperClipOutlined aria-hidden />}>{t('reports.field.addAttachment')}</Button>
      </Upload>
    </Form.Item>
  );
}

function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/** The chosen files as the API takes them: name and base64 content. */
export async function attachmentsBody(
  files: UploadFile[] | undefined,
): Promise<{ fileName: string; contentBase64: string }[]> {
  const chosen = (files ?? []).filter(
    (file): file is UploadFile & { originFileObj: NonNullable<UploadFile['originFileObj']> } =>
      file.originFileObj !== undefined,
  );
  return Promise.all(
    chosen.map(async (file) => ({ fileName: file.name, contentBase64: await base64Of(file.originFileObj) })),
  );
}
