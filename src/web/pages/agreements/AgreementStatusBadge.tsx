import { Badge } from '@mantine/core';
import type { AgreementStatus } from '../../../domain/agreements.ts';
import { AGREEMENT_STATUS_COLORS, useAgreementLabels } from './labels.ts';

export function AgreementStatusBadge({ status }: { status: AgreementStatus }) {
  const labels = useAgreementLabels();
  return (
    <Badge color={AGREEMENT_STATUS_COLORS[status]} variant="light" data-testid="agreement-status">
      {labels.status(status)}
    </Badge>
  );
}
