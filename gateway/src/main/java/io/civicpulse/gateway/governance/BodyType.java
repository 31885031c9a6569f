// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

/** What kind of organisation a {@link Body} is (GOVERNANCE.md §2.1); decides which roles it may take later. */
public enum BodyType {
    /** 居民委员会: residents' committee, the community's self-government body. */
    RESIDENTS_COMMITTEE,
    /** 自治组织: self-governing organisation such as an owners' council (业委会) or building heads (楼门长). */
    SELF_GOV_ORG,
    /** 企业服务: enterprise service staff (property company 物业, sanitation contractor, vendors). */
    ENTERPRISE_SERVICE,
    /** 街道办事处: street office, the lowest level of government. */
    STREET_OFFICE,
    /** 区职能部门: a district department (lighting unit, city management). */
    DISTRICT_DEPT,
    /** 区人民政府: district government, the last-resort lead (兜底). */
    DISTRICT_GOV,
    /** 社区党组织: community party organisation; watches and supervises, never fixes. */
    PARTY_ORG,
    /** 监督中心: supervision centre; warns, issues 督办 and reports up (监管分离). */
    SUPERVISION_CENTRE,
    /**
     * 平台运维: platform operations / device operator. Not in GOVERNANCE.md's list; it is the actor of automatic
     * steps and the lead of device-maintenance categories.
     */
    PLATFORM_OPS,
    /** Outside the community's hierarchy (power utility, water company). */
    EXTERNAL
}
