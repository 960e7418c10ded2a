from django.db import models


class RegionKind(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    ZONE = "zone", "开发区/示范区"


class UserRole(models.TextChoices):
    CITY_ADMIN = "city_admin", "市级管理员"
    COUNTY_ADMIN = "county_admin", "县级管理员"
    DEPARTMENT = "department", "部门用户"
    OWNER = "owner", "项目单位"
    LEADER = "leader", "领导"
    INVESTMENT = "investment", "招商部门"


class DepartmentKind(models.TextChoices):
    APPROVAL = "approval", "审批部门"
    ELEMENT = "element", "要素保障部门"
    INDUSTRY = "industry", "行业主管部门"
    GENERAL = "general", "综合部门"
