"""The case files of the synthetic households: who held them, their events and
problems, consents, and three years of interventions, each on the timeline of the
people involved. Part of ``PeopleBuilder``: the methods share its state and draw in
the same order as before the split."""

from datetime import timedelta

from xarxa.demo.people.profile import (
    CLOSING_REASONS,
    CONFIDENTIAL_SUMMARIES,
    HANDOVER_REASONS,
    KIND_CUM,
    REOPENING_REASONS,
    SUMMARIES,
)


class CasesMixin:
    # --- Case files --------------------------------------------------------------------
    def _case(self, hid, place, members, since):
        rng, w, now = self.rng, self.w, self.now
        professionals = self.professionals.get(place[1])
        if not professionals:
            return
        user_id, team_id = rng.choice(professionals)
        case_id = self.case_id
        self.case_id += 1
        opened = self.today - timedelta(days=rng.randrange(10, 365 * 3))
        key = (place[1], opened.year)
        self.case_numbers[key] += 1
        number = f"{self.abss_codes[place[1]]}-{opened.year}-{self.case_numbers[key]:06d}"
        events = [("opened", opened, "")]
        closed_on = None
        if rng.random() < 0.28:
            closed_on = min(self.today, opened + timedelta(days=rng.randrange(60, 700)))
            events.append(("closed", closed_on, rng.choice(CLOSING_REASONS)))
            if rng.random() < 0.15 and closed_on < self.today - timedelta(days=30):
                reopened = closed_on + timedelta(
                    days=rng.randrange(20, max(21, (self.today - closed_on).days))
                )
                events.append(
                    ("reopened", min(reopened, self.today), rng.choice(REOPENING_REASONS))
                )
        status = "closed" if events[-1][0] == "closed" else "open"
        # Who held the case: sometimes handed over to a colleague of the same ABSS.
        holders = [(user_id, team_id, opened, "")]
        if rng.random() < 0.3 and (self.today - opened).days > 60:
            successor = rng.choice(professionals)
            if successor[0] != user_id:
                change = opened + timedelta(days=rng.randrange(30, (self.today - opened).days))
                holders.append((successor[0], successor[1], change, rng.choice(HANDOVER_REASONS)))
        user_id, team_id = holders[-1][0], holders[-1][1]
        # A household's case names its reference person too, so lists can show a name.
        household = None if len(members) == 1 else hid
        w["case"].add(
            (
                case_id,
                self._uuid(),
                number,
                household,
                members[0][0],
                place[1],
                team_id,
                place[0],
                user_id,
                status,
                opened,
                closed_on if status == "closed" else None,
                events[-1][2] if status == "closed" else "",
                1,
                now,
                now,
            )
        )
        for index, (holder, team, start, reason) in enumerate(holders):
            end = holders[index + 1][2] - timedelta(days=1) if index + 1 < len(holders) else None
            w["assignment"].add(
                (case_id, holder, team, place[1], place[0], holder, start, end, reason)
            )
        participants = [m[0] for m in members]
        for pid in participants:
            w["participant"].add((case_id, pid, opened))
        for kind, on, reason in events:
            event_id = self.event_id
            self.event_id += 1
            w["event"].add((event_id, case_id, kind, on, reason, user_id, now))
            title = self.event_titles[kind] % {"number": number}
            for pid in participants:
                w["timeline"].add(
                    (
                        pid,
                        case_id,
                        on,
                        f"case.{kind}",
                        title,
                        "records.caseevent",
                        str(event_id),
                        "",
                        "team",
                        user_id,
                        team_id,
                        now,
                    )
                )
        if self.categories:
            for category in rng.sample(
                self.categories, min(len(self.categories), rng.randint(1, 3))
            ):
                start = opened + timedelta(days=rng.randrange(0, 30))
                ended = closed_on if closed_on and rng.random() < 0.8 else None
                w["problem"].add((case_id, category, start, ended, "", now, now))
        self._consents(members, opened, user_id)
        if rng.random() < self.notes_share:
            self._interventions(
                case_id, opened, closed_on if status == "closed" else None, participants, holders
            )

    def _consents(self, members, opened, user_id):
        rng, add, now = self.rng, self.w["consent"].add, self.now
        for member in members:
            if member[1] < 18 or rng.random() > 0.35:
                continue
            for purpose in rng.sample(
                ["share_health", "share_services", "share_omnia", "contact_sms"], rng.randint(1, 2)
            ):
                expires = opened + timedelta(days=365 * 2) if rng.random() < 0.3 else None
                withdrawn = (
                    opened + timedelta(days=rng.randrange(30, 300)) if rng.random() < 0.05 else None
                )
                add(
                    (
                        member[0],
                        purpose,
                        opened,
                        rng.choice(["written", "written", "verbal"]),
                        expires,
                        withdrawn,
                        user_id,
                        now,
                        now,
                    )
                )

    def _interventions(self, case_id, opened, closed_on, participants, holders):
        rng, w, now = self.rng, self.w, self.now
        last = closed_on or self.today
        span = max(1, (last - opened).days)
        kinds = list(SUMMARIES)
        for _ in range(rng.randint(1, 14)):
            iid = self.intervention_id
            self.intervention_id += 1
            self.interventions += 1
            kind = rng.choices(kinds, cum_weights=KIND_CUM)[0]
            on = opened + timedelta(days=rng.randrange(0, span))
            holder = holders[0] if len(holders) == 1 or on < holders[1][2] else holders[1]
            author, team = holder[0], holder[1]  # the author's team: whose entry it is
            summary = rng.choice(SUMMARIES[kind])
            confidentiality, sensitivity = "team", ""
            roll = rng.random()
            if roll < 0.01:  # gender violence: the author, the reference and SIAD (referred)
                sensitivity = "gender_violence"
            elif roll < 0.025:
                confidentiality, sensitivity = "named", rng.choice(["health", "minors", "justice"])
            elif roll < 0.04:
                sensitivity = rng.choice(["health", "minors"])
            if sensitivity:
                summary = CONFIDENTIAL_SUMMARIES[sensitivity]
            w["intervention"].add(
                (
                    iid,
                    case_id,
                    kind,
                    on,
                    rng.choice([15, 20, 30, 30, 45, 60, 90]),
                    summary,
                    confidentiality,
                    sensitivity,
                    author,
                    team,
                    now,
                    now,
                )
            )
            w["intervention_professional"].add((iid, author))
            involved = participants[:1] if rng.random() < 0.7 else participants
            title = self.kind_labels[kind]
            for pid in involved:
                w["intervention_person"].add((iid, pid))
                w["timeline"].add(
                    (
                        pid,
                        case_id,
                        on,
                        f"intervention.{kind}",
                        title,
                        "records.intervention",
                        str(iid),
                        sensitivity,
                        confidentiality,
                        author,
                        team,
                        now,
                    )
                )
