"""A program's trend: one summary per recorded period, each compared with the period before."""

from asn_advisor.store.models import DimensionPoint, FindingPoint, PeriodSummary, RecommendationPoint, StatusEntry
from asn_advisor.store.snapshots import Snapshot, rounded

__all__ = ["period_summary"]


def period_summary(
    snap: Snapshot, previous: Snapshot | None, statuses: dict[tuple[str, str], StatusEntry]
) -> PeriodSummary:
    record = snap.record
    dims = []
    for dim_id in snap.dimension_order:
        score, band = snap.dimensions[dim_id]
        before = previous.dimensions.get(dim_id, (None, None))[0] if previous else None
        change = rounded(score - before) if score is not None and before is not None else None
        dims.append(DimensionPoint(id=dim_id, score=score, band=band, change=change))
    findings = []
    for fid in sorted(snap.findings):
        severity, dimension = snap.findings[fid]
        if previous is None:
            findings.append(FindingPoint(id=fid, severity=severity, dimension=dimension, change="first"))
        elif fid in previous.findings:
            findings.append(
                FindingPoint(
                    id=fid,
                    severity=severity,
                    dimension=dimension,
                    change="persisted",
                    previous_severity=previous.findings[fid][0],
                )
            )
        else:
            findings.append(FindingPoint(id=fid, severity=severity, dimension=dimension, change="appeared"))
    resolved = []
    if previous is not None:
        for fid in sorted(set(previous.findings) - set(snap.findings)):
            severity, dimension = previous.findings[fid]
            resolved.append(
                FindingPoint(
                    id=fid, severity=severity, dimension=dimension, change="resolved", previous_severity=severity
                )
            )
    recs = []
    for rec_id, rank, priority, addresses in snap.recommendations:
        entry = statuses.get((record.period, rec_id))
        recs.append(
            RecommendationPoint(
                id=rec_id,
                rank=rank,
                priority=priority,
                addresses=list(addresses),
                status=entry.status if entry else None,
                note=entry.note if entry else None,
            )
        )
    overall_change = None
    if previous is not None and record.overall is not None and previous.record.overall is not None:
        overall_change = rounded(record.overall - previous.record.overall)
    return PeriodSummary(
        period=record.period,
        evaluation_id=record.id,
        recorded_at=record.recorded_at,
        records=snap.records,
        pack=record.pack,
        pack_changed=previous is not None and previous.record.pack.digest != record.pack.digest,
        overall=record.overall,
        band=record.band,
        coverage=record.coverage,
        overall_change=overall_change,
        dimensions=dims,
        findings=findings,
        resolved=resolved,
        recommendations=recs,
    )
