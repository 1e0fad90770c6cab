"""One household of the synthetic population: its members, their documents, contacts
and search postings, the homes they lived in before, and the duplicates registered by
mistake. Part of ``PeopleBuilder``: the methods share its state (writers, next ids,
the seeded generator) and draw in the same order as before the split."""

from datetime import date, timedelta

from xarxa.demo import names
from xarxa.demo.people.identity import dni_number, nie_number, typo, unaccent
from xarxa.demo.people.profile import (
    DUPLICATE_RATE,
    EMAIL_DOMAINS,
    HOUSEHOLD_CUM,
    HOUSEHOLD_KINDS,
)
from xarxa.people.names import digits, fold
from xarxa.people.search import name_pairs


class HouseholdsMixin:
    # --- One person ------------------------------------------------------------------
    def _person(
        self,
        *,
        hid,
        place,
        origin,
        nationality,
        sex,
        birth,
        given,
        first,
        second,
        relationship,
        since,
        address,
        used="",
        documents=None,
    ):
        """Write a person, their membership, documents, contacts and search postings.
        Returns the member tuple (id, age, given, used, first, second, sex, birth, doc)."""
        rng, w = self.rng, self.w
        pid = self.person_id
        self.person_id += 1
        self.made += 1
        age = (self.today - birth).days * 100 // 36525
        adult = age >= 18
        local = origin[0] in ("local", "spanish")
        if not local and rng.random() < (0.2 if adult else 0.35):
            nationality = "ES"  # naturalised, or born here
        approximate = not local and adult and rng.random() < 0.08
        if approximate:
            birth = date(birth.year, 1, 1)  # "born in 1978": recorded as the 1st of January
        if origin[0] == "local":
            languages = "ca,es"
        elif origin[0] in ("spanish", "latam"):
            languages = "es,ca"
        else:
            languages = names.LANGUAGES.get(origin[3], "es") + ("" if adult else ",ca")
        if used == "" and given in names.USED_NAMES and rng.random() < 0.35:
            used = names.USED_NAMES[given]
        w["person"].add(
            (
                pid,
                self._uuid(),
                given,
                first,
                second,
                used,
                birth,
                approximate,
                sex,
                "",
                nationality,
                languages,
                languages.split(",")[0],
                address,
                place[3] if address else "",
                place[0],
                place[1],
                "",
                1,
                self.now,
                self.now,
            )
        )
        w["membership"].add((hid, pid, relationship, max(since, birth), None))
        posted = [self._post(text, pid) for text in self._tokens(given, used, first, second)]
        add_pair = self.w["pair"].add
        for low, high in name_pairs(posted):
            add_pair((low, high, pid))
        doc = None
        if documents is not None:  # a planted duplicate carries what it was given
            for kind, number in documents:
                w["document"].add((pid, kind, number, "", self.now, self.now))
        else:
            doc = self._documents(pid, nationality, age, sex, birth, first, second)
            self._channels(pid, age, since, given, first)
        return (pid, age, given, used, first, second, sex, birth, doc)

    def _documents(self, pid, nationality, age, sex, birth, first, second):
        rng, add, now = self.rng, self.w["document"].add, self.now
        doc = None
        if nationality == "ES":
            if (age >= 18 and rng.random() < 0.92) or (age >= 14 and rng.random() < 0.5):
                doc = ("dni", dni_number(rng))
        elif rng.random() < (0.82 if age >= 18 else 0.35):
            doc = ("nie", nie_number(rng))
        if doc:
            add((pid, doc[0], doc[1], "ES" if doc[0] == "dni" else "", now, now))
        if (
            nationality != "ES"
            and age >= 18
            and ((doc is None and rng.random() < 0.45) or rng.random() < 0.1)
        ):
            number = f"{nationality}{rng.randrange(1_000_000, 9_999_999)}"
            add((pid, "passport", number, nationality, now, now))
        if rng.random() < 0.45:
            # CatSalut CIP: letters from the surnames, sex, birth date, check digits.
            letters = (unaccent(first).upper().replace(" ", "") + "XX")[:2]
            letters += (unaccent(second).upper().replace(" ", "") + "XX")[:2]
            cip = f"{letters}{0 if sex == 'M' else 1}{birth:%y%m%d}{rng.randrange(100, 999)}"
            add((pid, "cip", cip, "", now, now))
        return doc

    def _channels(self, pid, age, since, given, first):
        rng, add, now = self.rng, self.w["channel"].add, self.now
        if age < 16:
            return
        if rng.random() < 0.78:
            phone = f"6{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
            agrees = rng.random() < 0.85
            add((pid, "mobile", phone, digits(phone), agrees, since if agrees else None, now, now))
            if age < 40 and rng.random() < 0.45:
                add((pid, "whatsapp", phone, digits(phone), True, since, now, now))
        if age > 60 and rng.random() < 0.4:
            phone = f"93 8{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
            add((pid, "phone", phone, digits(phone), True, since, now, now))
        if age < 65 and rng.random() < 0.3:
            local = fold(f"{given.split()[0]}.{first.split()[-1]}").replace(" ", "")
            email = f"{local}{rng.randrange(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
            add((pid, "email", email, email.lower(), rng.random() < 0.7, since, now, now))

    # --- One household ---------------------------------------------------------------
    def _household(self):
        rng = self.rng
        place = rng.choices(self.places, cum_weights=self.place_cum)[0]
        origin = rng.choices(names.ORIGINS, cum_weights=self.origin_cum)[0]
        pools = names.NATIONALITIES.get(origin[0])
        nationality = rng.choices(*zip(*pools, strict=True))[0] if pools else origin[3]
        surnames = origin[2][2]
        if origin[0] == "local":
            surnames = surnames + names.EXTRA_CATALAN_SURNAMES
        two = origin[0] in names.TWO_SURNAMES
        address = self._address()
        hid = self._new_household(place, address)
        since = self.today - timedelta(days=rng.randrange(30, 365 * 15))
        kind = rng.choices(HOUSEHOLD_KINDS, cum_weights=HOUSEHOLD_CUM)[0]
        members = []

        def add(sex, low, high, relationship, first=None, second=None, person_origin=origin):
            p_female, p_male, p_surnames = person_origin[2]
            own = person_origin is origin
            pool = surnames if own else p_surnames
            if first is None:
                first = rng.choice(pool)
            if second is None:
                second = rng.choice(pool) if person_origin[0] in names.TWO_SURNAMES else ""
            member = self._person(
                hid=hid,
                place=place,
                origin=person_origin,
                nationality=nationality if own else person_origin[3],
                sex=sex,
                birth=self._birth(low, high),
                given=rng.choice(p_female if sex == "F" else p_male),
                first=first,
                second=second,
                relationship=relationship,
                since=since,
                address=address,
            )
            members.append(member)
            return member

        def children(parent_age, first, second, count):
            youngest_parent = max(0, min(18, parent_age - 17))
            for _ in range(count):
                add(rng.choice("FM"), 0, youngest_parent, "child", first, second)

        if kind == "elder":
            add(rng.choice("FFFM"), 70, 97, "reference")
            if rng.random() < 0.12:  # a live-in carer, often from another origin
                carer_origin = names.ORIGINS[rng.choice([3, 4])]
                add("F", 30, 60, "carer", person_origin=carer_origin)
        elif kind == "elder_couple":
            add("M", 68, 93, "reference")
            add("F", 65, 90, "partner")
        elif kind in ("couple_kids", "extended"):
            father = add("M", 26, 58, "reference")
            mother = add("F", 24, 55, "partner")
            children(
                min(father[1], mother[1]), father[4], mother[4] if two else "", rng.randint(1, 4)
            )
            if kind == "extended":
                # The reference person's father or mother: their surname comes down.
                sex = rng.choice("FM")
                surname = father[4] if sex == "M" or not two else father[5]
                grandparent = add(sex, max(62, father[1] + 20), 95, "parent", surname)
                # Came to live with the family when alone: the earlier household is kept.
                self._earlier_home(place, [(grandparent, "reference")], since)
                if rng.random() < 0.3:
                    add(rng.choice("FM"), 18, 40, "sibling", father[4], father[5])
        elif kind == "single_parent":
            parent = add("F" if rng.random() < 0.85 else "M", 21, 55, "reference")
            other = rng.choice(surnames)
            first, second = (other, parent[4]) if two else (other, "")
            children(parent[1], first, second, rng.randint(1, 3))
            if rng.random() < 0.5:
                # Separated: parent and children lived with the other parent until `since`.
                self._separation(place, origin, nationality, members, other, since)
        elif kind == "shared":
            for index in range(rng.randint(2, 4)):
                member = add(rng.choice("FMM"), 19, 50, "reference" if index == 0 else "other")
                if index and rng.random() < 0.3:
                    self._earlier_home(place, [(member, "reference")], since)
        else:
            add(rng.choice("FM"), 25, 64, "reference")
        if rng.random() < DUPLICATE_RATE * len(members) and self.made < self.target:
            self._plant_duplicate(rng.choice(members), place, origin, nationality)
        if rng.random() < 0.55:
            self._case(hid, place, members, since)

    def _earlier_home(self, place, who, until):
        """An earlier household the given members lived in, ended the day before ``until``."""
        rng = self.rng
        if rng.random() < 0.2:
            place = rng.choices(self.places, cum_weights=self.place_cum)[0]
        hid = self._new_household(place, self._address())
        start = until - timedelta(days=rng.randrange(365, 365 * 20))
        for member, relationship in who:
            if member[7] < until:  # born before the move
                self.w["membership"].add(
                    (hid, member[0], relationship, max(start, member[7]), until - timedelta(days=1))
                )
        return hid

    def _separation(self, place, origin, nationality, members, surname, since):
        """The other parent stays at the old address; the history of both is kept."""
        rng = self.rng
        female, male, _surnames = origin[2]
        sex = "M" if members[0][6] == "F" else "F"
        start = since - timedelta(days=rng.randrange(365, 365 * 12))
        address = self._address()
        hid = self._new_household(place, address)
        other = self._person(
            hid=hid,
            place=place,
            origin=origin,
            nationality=nationality,
            sex=sex,
            birth=self._birth(max(22, members[0][1] - 4), members[0][1] + 8),
            given=rng.choice(female if sex == "F" else male),
            first=surname,
            second=rng.choice(_surnames) if origin[0] in names.TWO_SURNAMES else "",
            relationship="reference",
            since=start,
            address=address,
        )
        for member in members:
            if member[7] >= since:
                continue  # born after the separation
            relationship = "partner" if member is members[0] else "child"
            self.w["membership"].add(
                (hid, member[0], relationship, max(start, member[7]), since - timedelta(days=1))
            )
        return other

    # --- Planted duplicates -----------------------------------------------------------
    def _plant_duplicate(self, member, place, origin, nationality):
        """The same person registered again, typed the way real duplicates are."""
        rng = self.rng
        pid, _age, given, used, first, second, sex, birth, doc = member
        how = rng.choice(["accents", "no_second", "typo", "used_name", "swapped", "document"])
        if how == "accents" and unaccent(given + first + second) == given + first + second:
            how = "typo"
        if how == "no_second" and not second:
            how = "typo"
        if how == "used_name" and not used and " " not in given:
            how = "typo"
        if how == "swapped" and not second:
            how = "document" if doc else "typo"
        if how == "document" and not doc:
            how = "typo"
        documents = []
        if how == "accents":
            given, first, second = unaccent(given), unaccent(first), unaccent(second)
        elif how == "no_second":
            second = ""
        elif how == "typo":
            first = typo(first, rng)
        elif how == "used_name":
            # Registered under the name they go by: "Pep Puig" for "Josep Puig".
            given, used = (used, "") if used else (given.split()[0], "")
        elif how == "swapped":
            first, second = second, first
        if doc and (how == "document" or rng.random() < 0.3):
            # Same DNI/NIE (a letterless number would be refused by the document check;
            # a search by its digits finds both records).
            documents.append(doc)
        if rng.random() < 0.3:
            place = rng.choices(self.places, cum_weights=self.place_cum)[0]  # another ABSS, often
        if rng.random() < 0.25:  # day and month typed the other way round, or a day out
            birth = (
                date(birth.year, birth.day, birth.month)
                if birth.day <= 12
                else birth + timedelta(days=1)
            )
        since = self.today - timedelta(days=rng.randrange(30, 900))
        hid = self._new_household(place, "")
        duplicate = self._person(
            hid=hid,
            place=place,
            origin=origin,
            nationality=nationality,
            sex=sex,
            birth=birth,
            given=given,
            first=first,
            second=second,
            relationship="reference",
            since=since,
            address="",
            used=used or "",
            documents=documents,
        )
        self.planted.append((pid, duplicate[0], how))
        self.duplicates += 1
