"""Writes for regions, departments, enterprises and users. Each one is atomic and change-logged."""

from django.core.exceptions import ValidationError
from django.db import transaction

from keyprojects.accounts import divisions
from keyprojects.accounts.choices import RegionKind, UserRole
from keyprojects.accounts.models import Department, Enterprise, Region, User
from keyprojects.core.changelog import log_create, log_event, log_update, snapshot, update_logged

CITY_ROLES = {UserRole.CITY_ADMIN, UserRole.LEADER, UserRole.INVESTMENT}


def managed_city() -> Region | None:
    return Region.objects.filter(is_managed_city=True).first()


def _save_new(obj, *, by):
    obj.full_clean()
    obj.save()
    log_create(by=by, obj=obj)
    return obj


def _region_path(parent: Region | None, code: str) -> str:
    return f"{parent.path if parent else ''}{code}/"


def _upsert_division(*, by, division: divisions.Division, kind: str, parent: Region | None, **extra) -> Region:
    region = Region.objects.filter(code=division.code).first()
    values = {
        "name": division.name,
        "kind": kind,
        "division_type": division.division_type(),
        "parent": parent,
        "longitude": division.longitude,
        "latitude": division.latitude,
        **extra,
    }
    if region is None:
        region = Region(code=division.code, path=_region_path(parent, division.code), **values)
        return _save_new(region, by=by)
    before = snapshot(region)
    for name, value in values.items():
        setattr(region, name, value)
    region.path = _region_path(parent, division.code)
    region.full_clean()
    region.save()
    log_update(by=by, obj=region, before=before)
    return region


@transaction.atomic
def setup_city(*, code: str, by=None) -> Region:
    """Make the city with that GB/T 2260 code the managed city, with its counties as ranked regions.

    Idempotent. One platform manages one city: asking for a different one is refused.
    """
    city_division = divisions.find_city(code.strip())
    if city_division is None:
        raise ValidationError(f"区划代码“{code}”不是地级市（或直辖市）的代码，请查正后重试。")
    current = managed_city()
    if current is not None and current.code != city_division.code:
        raise ValidationError(f"本平台已设置管理{current.name}（{current.code}），不能再改为{city_division.name}。")

    province_division = divisions.all_divisions()[city_division.province_code]
    province = _upsert_division(by=by, division=province_division, kind=RegionKind.PROVINCE, parent=None)
    if city_division.code == province_division.code:
        province = None  # a municipality is its own top
    city = _upsert_division(by=by, division=city_division, kind=RegionKind.CITY, parent=province, is_managed_city=True)
    for order, county in enumerate(divisions.counties_of(city_division), start=1):
        _upsert_division(by=by, division=county, kind=RegionKind.COUNTY, parent=city, is_ranked=True, sort_order=order)
    return city


@transaction.atomic
def zone_create(*, by, code: str, name: str, parent: Region | None = None, is_ranked: bool = True) -> Region:
    """A development zone (开发区、示范区) under the managed city or one of its counties."""
    city = managed_city()
    if city is None:
        raise ValidationError("请先设置本平台管理的城市。")
    parent = parent or city
    if not city.contains(parent):
        raise ValidationError(f"“{parent.name}”不在{city.name}范围内。")
    if Region.objects.filter(code=code).exists():
        raise ValidationError({"code": f"区划代码“{code}”已被使用。"})
    region = Region(
        code=code,
        name=name,
        kind=RegionKind.ZONE,
        division_type="开发区",
        parent=parent,
        path=_region_path(parent, code),
        is_ranked=is_ranked and parent == city,
        sort_order=Region.objects.filter(parent=parent).count() + 1,
    )
    return _save_new(region, by=by)


@transaction.atomic
def region_update(*, by, region: Region, **fields) -> Region:
    return update_logged(region, by=by, **fields)


@transaction.atomic
def department_create(*, by, **fields) -> Department:
    return _save_new(Department(**fields), by=by)


@transaction.atomic
def department_update(*, by, department: Department, **fields) -> Department:
    return update_logged(department, by=by, **fields)


@transaction.atomic
def enterprise_get_or_create(*, by, name: str, region: Region | None = None) -> Enterprise:
    name = name.strip()
    enterprise = Enterprise.objects.filter(name=name).first()
    if enterprise is not None:
        return enterprise
    return _save_new(Enterprise(name=name, region=region), by=by)


def _fill_role_defaults(user: User) -> None:
    """City-wide roles belong to the managed city; fields that do not fit the role are cleared."""
    if user.role in CITY_ROLES and user.region_id is None:
        user.region = managed_city()
    if user.role != UserRole.DEPARTMENT:
        user.department = None
    if user.role != UserRole.OWNER:
        user.enterprise = None
    if user.role in (UserRole.DEPARTMENT, UserRole.OWNER):
        user.region = None


@transaction.atomic
def user_create(*, by, username: str, password: str, role: str, **fields) -> User:
    user = User(username=username, role=role, **fields)
    _fill_role_defaults(user)
    user.set_password(password)
    user.full_clean()
    user.save()
    log_create(by=by, obj=user)
    return user


@transaction.atomic
def user_update(*, by, user: User, **fields) -> User:
    before = snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    _fill_role_defaults(user)
    user.full_clean()
    user.save()
    log_update(by=by, obj=user, before=before)
    return user


@transaction.atomic
def user_set_password(*, by, user: User, password: str) -> User:
    """Passwords are never logged; the entry records that one was set, by whom and when."""
    user.set_password(password)
    user.save(update_fields=["password"])
    log_event(by=by, obj=user, reason="设置了新密码")
    return user
