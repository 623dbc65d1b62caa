//! The landing page. A person: what needs them now (their tasks, each leading to the screen that
//! resolves it), then their record, appraiser and appraisees. HR: plans to review, the running
//! year's progress headline, shortcuts, then the agency's counts.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@/components/alert';
import { Card, DetailList, Stat } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { isAdmin, isHr, useSession } from '@/features/auth';
import { useCycles } from '@/features/cycles';
import { useEmployee } from '@/features/employees';
import { useUnitCount } from '@/features/units';
import { formatDate, formatNumber } from '@/lib/i18n/format';
import { useCycleDetail, useEmployeeCounts, useMe, useMyAppraisees, useMyAppraiser, useMyTasks } from './api';
import { CycleHeadline, QuickLinks, currentCycle } from './hr-overview';
import { useDashboardT } from './i18n';
import { MyTasksSection, useTaskTiles } from './my-tasks';
import { ProblemBox } from './problem';
import { TaskTiles } from './task-tiles';
import { periodsToFinalise, todayIso } from './tasks';
import './dashboard.css';

const ASN_TYPES = ['pns', 'pppk'] as const;
const STATUSES = ['active', 'on_leave', 'retired', 'transferred'] as const;

export function DashboardPage() {
  const { t } = useDashboardT();
  const { user } = useSession();
  const me = useMe();
  const employeeId = me.data?.employee?.id ?? user?.employee_id ?? null;
  const employee = useEmployee(employeeId);
  if (!user) return null;
  const name = employee.data?.employee.name ?? user.username;
  return (
    <div className="stack db-page">
      <PageHeader
        title={t('dashboard.title')}
        subtitle={
          <>
            {t('dashboard.welcome', { name })}
            <span className="db-today"> · {t('today', { date: formatDate(todayIso()) })}</span>
          </>
        }
      />
      {isHr(user) ? <HrDashboard /> : <EmployeeDashboard />}
    </div>
  );
}

function count(q: { data?: number; isPending: boolean; error: unknown }) {
  if (q.error) return '!';
  return q.isPending || q.data === undefined ? '…' : formatNumber(q.data);
}

/**
 * HR's own work: ended periods still to finalise (admins) and plans to review; shown only when
 * there is some.
 */
function HrTasks() {
  const { t } = useDashboardT();
  const { user } = useSession();
  const tasks = useMyTasks();
  const derived = useTaskTiles(tasks.data);
  const cycles = useCycles();
  const cycle = cycles.data ? currentCycle(cycles.data.items) : null;
  const detail = useCycleDetail(isAdmin(user) ? cycle?.id : null);
  const tiles = [...periodsToFinalise(detail.data, todayIso()), ...(derived?.tiles ?? [])];
  if (tasks.error) return <ProblemBox error={tasks.error} />;
  if (tiles.length === 0) return null;
  return (
    <section className="db-section" aria-labelledby="db-tasks-heading">
      <div className="db-section-head">
        <h2 id="db-tasks-heading">{t('tasks.heading')}</h2>
        <p className="muted db-summary">{t('tasks.summary', { count: tiles.length })}</p>
      </div>
      <TaskTiles tiles={tiles} label={t('tasks.listLabel')} />
    </section>
  );
}

function HrDashboard() {
  const { t } = useTranslation();
  const units = useUnitCount();
  const [all, ...rest] = useEmployeeCounts([{}, ...ASN_TYPES.map((asn_type) => ({ asn_type })), ...STATUSES.map((status) => ({ status }))]);
  const byType = rest.slice(0, ASN_TYPES.length);
  const byStatus = rest.slice(ASN_TYPES.length);
  return (
    <>
      <HrTasks />
      <CycleHeadline />
      <QuickLinks />
      <section className="db-section" aria-labelledby="db-agency-heading">
        <h2 id="db-agency-heading" className="db-subheading">
          {t('dashboard:hr.agency')}
        </h2>
        <ProblemBox error={units.error ?? all?.error} />
        <div className="stats">
          <Link to="/units" className="stat stat-link">
            <span className="stat-value">{count(units)}</span>
            <span className="stat-label">{t('dashboard.units')}</span>
          </Link>
          <Link to="/employees" className="stat stat-link">
            <span className="stat-value">{all ? count(all) : '…'}</span>
            <span className="stat-label">{t('dashboard.employees')}</span>
          </Link>
        </div>
        <div className="grid">
          <Card title={t('dashboard.byAsnType')}>
            <div className="stats">
              {ASN_TYPES.map((a, i) => (
                <Stat key={a} label={t(`enums.asn_type.${a}`)} value={byType[i] ? count(byType[i]) : '…'} />
              ))}
            </div>
          </Card>
          <Card title={t('dashboard.byStatus')}>
            <div className="stats">
              {STATUSES.map((s, i) => (
                <Stat key={s} label={t(`enums.employee_status.${s}`)} value={byStatus[i] ? count(byStatus[i]) : '…'} />
              ))}
            </div>
          </Card>
        </div>
      </section>
    </>
  );
}

function EmployeeDashboard() {
  const { t } = useTranslation();
  const { user } = useSession();
  const me = useMe();
  const employeeId = me.data?.employee?.id ?? user?.employee_id ?? null;
  const employee = useEmployee(employeeId);
  const appraiser = useMyAppraiser(employeeId);
  const appraisees = useMyAppraisees(employeeId);

  if (me.isPending && !employeeId) return <Spinner label={t('common.loading')} />;
  if (!employeeId) return <Alert tone="info">{t('dashboard.noEmployee')}</Alert>;
  const e = employee.data?.employee;
  return (
    <>
      <MyTasksSection />
      <div className="grid db-people">
        <Card title={t('dashboard.myProfile')}>
          {employee.isPending ? <Spinner label={t('common.loading')} /> : null}
          <ProblemBox error={employee.error} />
          {e ? (
            <DetailList
              items={[
                { label: t('employee.name'), value: e.name },
                { label: t('employee.nip'), value: <span className="mono">{e.nip_display}</span> },
                { label: t('employee.asnType'), value: t(`enums.asn_type.${e.asn_type}`) },
                { label: t('employee.unit'), value: e.unit_name ?? t('common.none') },
                { label: t('employee.position'), value: e.position_name ?? t('common.none') },
                { label: t('employee.golongan'), value: [e.golongan, e.pangkat].filter(Boolean).join(' — ') || t('common.none') },
                { label: t('employee.status'), value: t(`enums.employee_status.${e.status}`) },
              ]}
            />
          ) : null}
        </Card>
        <Card title={t('dashboard.myAppraiser')}>
          {appraiser.isPending ? <Spinner label={t('common.loading')} /> : null}
          <ProblemBox error={appraiser.error} />
          {appraiser.data === null ? <p className="muted">{t('dashboard.noAppraiser')}</p> : null}
          {appraiser.data ? (
            <div data-testid="my-appraiser">
              <DetailList
                items={[
                  { label: t('appraisers.appraiser'), value: <strong>{appraiser.data.appraiser.name}</strong> },
                  { label: t('employee.nip'), value: <span className="mono">{appraiser.data.appraiser.nip_or_id_number}</span> },
                  { label: t('employee.position'), value: appraiser.data.appraiser.position ?? t('common.none') },
                  { label: t('employee.unit'), value: appraiser.data.appraiser.unit ?? t('common.none') },
                  { label: t('dashboard.actingKind'), value: t(`enums.acting_kind.${appraiser.data.acting_kind}`) },
                  { label: t('dashboard.validFrom'), value: formatDate(appraiser.data.valid_from) },
                  ...(appraiser.data.appraiser_superior
                    ? [{ label: t('dashboard.superior'), value: appraiser.data.appraiser_superior.name }]
                    : []),
                ]}
              />
            </div>
          ) : null}
        </Card>
        {appraisees.data?.length ? (
          <Card title={t('dashboard.myAppraisees', { count: appraisees.data.length })}>
            <ul className="plain-list db-appraisees" data-testid="my-appraisees">
              {appraisees.data.map((a) => (
                <li key={a.assignment_id}>
                  <strong>{a.employee.name}</strong> <small className="mono muted">{a.employee.nip_or_id_number}</small>
                  <br />
                  <small className="muted">
                    {a.employee.position ?? ''} · {t(`enums.acting_kind.${a.acting_kind}`)}
                  </small>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
