import { ActionIcon, Alert, Button, Group, Popover, Select, Stack, TextInput, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  deleteView,
  type SavedView,
  savedViewKeys,
  saveView,
  useSavedViews,
  type ViewEntity,
  type ViewQuery,
} from '../../api/savedViews.ts';

/**
 * The user's saved views of a list: open one to replace the filters and sort, save the current ones under a
 * name, delete the open one.
 */
export function SavedViews({
  entity,
  current,
  onOpen,
}: {
  entity: ViewEntity;
  current: ViewQuery;
  onOpen: (query: ViewQuery) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const views = useSavedViews(entity);
  const [openId, setOpenId] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: savedViewKeys.list(entity) });

  const save = useMutation({
    mutationFn: () => saveView({ entity, name: name.trim(), query: current }),
    onSuccess: (view) => {
      setNaming(false);
      setName('');
      setOpenId(view.id);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteView(id),
    onSuccess: () => {
      setOpenId(null);
      void refresh();
    },
  });
  const open = (view: SavedView | undefined) => {
    setOpenId(view?.id ?? null);
    if (view) onOpen(view.query);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) save.mutate();
  };

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        label={t('projectTools.views.label')}
        placeholder={views.data?.length ? t('projectTools.views.choose') : t('projectTools.views.none')}
        data={(views.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
        value={openId}
        onChange={(id) => open(views.data?.find((v) => v.id === id))}
        w={200}
        data-testid="saved-views"
      />
      {openId ? (
        <Tooltip label={t('projectTools.views.delete')}>
          <ActionIcon
            variant="default"
            size={36}
            aria-label={t('projectTools.views.delete')}
            loading={remove.isPending}
            onClick={() => remove.mutate(openId)}
            data-testid="saved-view-delete"
          >
            ×
          </ActionIcon>
        </Tooltip>
      ) : null}
      <Popover opened={naming} onChange={setNaming} position="bottom-end" withArrow trapFocus>
        <Popover.Target>
          <Button variant="default" onClick={() => setNaming((o) => !o)} data-testid="saved-view-new">
            {t('projectTools.views.save')}
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          <form onSubmit={submit}>
            <Stack gap="xs" w={260}>
              <TextInput
                label={t('projectTools.views.name')}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                maxLength={80}
                data-autofocus
                data-testid="saved-view-name"
              />
              {save.isError ? (
                <Alert color="red" p="xs" data-testid="saved-view-error">
                  {isApiError(save.error) ? (save.error.detail ?? save.error.title) : t('errors.loadFailed')}
                </Alert>
              ) : null}
              <Button
                type="submit"
                disabled={!name.trim()}
                loading={save.isPending}
                data-testid="saved-view-save"
              >
                {t('projectTools.views.confirm')}
              </Button>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
