from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from keyprojects.accounts import divisions
from keyprojects.accounts.choices import RegionKind, UserRole
from keyprojects.accounts.models import Department, Region, User


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(label="密码", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label="再次输入密码", widget=forms.PasswordInput, strip=False)

    def clean_password2(self) -> str:
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise ValidationError("两次输入的密码不一致。")
        password_validation.validate_password(second)
        return second


def _city_choices() -> list:
    return [
        (province.name, [(city.code, f"{city.name}（{city.code}）") for city in cities])
        for province, cities in divisions.cities_by_province()
    ]


class FirstRunForm(PasswordPairMixin):
    city = forms.ChoiceField(label="本平台管理的城市", choices=_city_choices)
    username = forms.CharField(label="管理员账号", max_length=150, initial="admin")
    name = forms.CharField(label="管理员姓名", max_length=30)

    field_order = ["city", "username", "name", "password1", "password2"]


def city_regions():
    from keyprojects.accounts.services import managed_city

    city = managed_city()
    return Region.objects.subtree(city) if city else Region.objects.none()


class UserForm(forms.ModelForm):
    enterprise_name = forms.CharField(
        label="项目单位名称", max_length=100, required=False, help_text="角色为项目单位时填写；没有的单位会自动新建。"
    )

    class Meta:
        model = User
        fields = ["username", "name", "role", "region", "department", "title", "phone", "is_active"]
        labels = {"username": "账号", "is_active": "启用"}
        help_texts = {"username": "登录用，字母、数字或 @.+-_", "region": "县级管理员填所管县区；市级角色默认全市。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = city_regions().exclude(kind=RegionKind.PROVINCE)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        if self.instance.enterprise_id:
            self.fields["enterprise_name"].initial = self.instance.enterprise.name

    def clean(self) -> dict:
        data = super().clean()
        role = data.get("role")
        if role == UserRole.COUNTY_ADMIN and not data.get("region"):
            self.add_error("region", "县级管理员必须选择所管县区。")
        if role == UserRole.COUNTY_ADMIN and data.get("region") and data["region"].kind == RegionKind.CITY:
            self.add_error("region", "县级管理员应选择县区或开发区，不能选择全市。")
        if role == UserRole.DEPARTMENT and not data.get("department"):
            self.add_error("department", "部门用户必须选择所属部门。")
        if role == UserRole.OWNER and not data.get("enterprise_name", "").strip():
            self.add_error("enterprise_name", "项目单位用户必须填写项目单位名称。")
        return data

    def _post_clean(self):
        # Role-dependent fields are completed by the service; model validation runs there.
        pass


class NewUserForm(PasswordPairMixin, UserForm):
    pass


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "short_name", "kind", "sort_order", "is_active"]


class ZoneForm(forms.Form):
    code = forms.RegexField(
        label="区划代码",
        regex=r"^[0-9]{6}$",
        max_length=6,
        error_messages={"invalid": "区划代码应为6位数字。"},
        help_text="统计用区划代码，如许昌经济技术开发区 411071。",
    )
    name = forms.CharField(label="名称", max_length=50)
    parent = forms.ModelChoiceField(label="上级区划", queryset=Region.objects.none())
    is_ranked = forms.BooleanField(label="参加全市排名", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = city_regions().filter(kind__in=[RegionKind.CITY, RegionKind.COUNTY])


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "is_ranked", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != RegionKind.ZONE:
            # GB/T 2260 names come from the national list and are not edited here.
            self.fields["name"].disabled = True
