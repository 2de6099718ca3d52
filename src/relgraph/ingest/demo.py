"""Deterministic demo portfolio: a realistic `relgraph/1` document for demos, tests and benchmarks.

Everything is drawn from one `random.Random(seed)` and dated relative to `as_of`, so the same
(accounts, seed, as_of) always gives the same document and the portfolio always looks current.
Deliberate imperfections (missing owners, stale contacts, dark units, ...) make every coverage
rule of the contract fire somewhere.
"""

from __future__ import annotations

import datetime
import math
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ARRAYS", "generate_portfolio", "summary_counts"]

ARRAYS: tuple[str, ...] = (
    "accounts", "orgUnits", "contacts", "staff", "reportingLines", "influences", "knows",
    "owners", "sponsors", "teams", "interactions", "assessments", "competitors", "supplies",
    "favors", "opportunities", "decisionChain", "opportunityTeam",
)

WINDOW_DAYS = 730  # two years of history; also the contract's derived-knows window
STALE_DAYS = {"S": 365, "A": 183, "B": 31, "C": 31}
A_OWNER_CAP = 12  # more A roles than this is the contract's OWNER_OVERLOADED
RANK_VALUE = {"S": 3, "A": 2, "B": 1, "C": 0}
OPEN_STAGES = ("lead", "opportunity", "contract_execution", "payment_collection")
DIMENSIONS = (
    "acceptance", "participation", "projectSupport", "informationSharing", "guidance",
    "competitiveStance",
)

# Mean contacts per account is ~100 with the 10/25/35/30 tier mix (the 150/100/60/30 ratios).
CONTACTS_PER_TIER = {"S": 214, "A": 143, "B": 86, "C": 43}
TIER_SHARE = (("S", 0.10), ("A", 0.25), ("B", 0.35), ("C", 0.30))
INDUSTRIES = (
    "telecom", "energy", "banking", "transport", "government", "manufacturing", "retail",
    "healthcare",
)
REGIONS = ("EU", "NA", "LATAM", "APAC", "MEA")

# --- names -----------------------------------------------------------------------------------

# culture: (given names, family names, family name first)
_CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "english": (
        ("James", "Emma", "Oliver", "Charlotte", "William", "Sophie", "Thomas", "Olivia",
         "Daniel", "Grace", "Michael", "Hannah", "David", "Lucy", "Robert", "Amelia", "Sarah",
         "Edward", "Rachel", "George"),
        ("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Wright",
         "Hughes", "Evans", "Bennett", "Turner", "Harris", "Cooper", "Morgan", "Reed", "Foster",
         "Hayes", "Ellis", "Palmer"),
        False,
    ),
    "spanish": (
        ("Ana", "Carlos", "Lucía", "Javier", "María", "Diego", "Carmen", "Pablo", "Elena",
         "Alejandro", "Sofía", "Miguel", "Isabel", "Andrés", "Laura", "Fernando"),
        ("García", "Martínez", "Ruiz", "López", "Fernández", "Sánchez", "Romero", "Navarro",
         "Torres", "Domínguez", "Vázquez", "Ortega", "Castillo", "Morales", "Herrera",
         "Jiménez"),
        False,
    ),
    "portuguese": (
        ("João", "Ana", "Pedro", "Mariana", "Rafael", "Beatriz", "Lucas", "Camila", "Tiago",
         "Fernanda", "Gustavo", "Juliana"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Carvalho",
         "Ribeiro", "Barbosa", "Rocha", "Nunes"),
        False,
    ),
    "german": (
        ("Lukas", "Anna", "Jonas", "Lena", "Felix", "Julia", "Maximilian", "Katharina",
         "Stefan", "Sabine", "Matthias", "Claudia"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner",
         "Schulz", "Keller", "Braun", "Vogel"),
        False,
    ),
    "french": (
        ("Louis", "Camille", "Hugo", "Chloé", "Antoine", "Manon", "Julien", "Léa", "Nicolas",
         "Élodie", "Mathieu", "Inès"),
        ("Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Lefèvre", "Girard", "Fontaine",
         "Rousseau", "Mercier", "Blanc", "Garnier"),
        False,
    ),
    "italian": (
        ("Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara", "Alessandro", "Elena",
         "Davide", "Valentina"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "Marino", "Greco"),
        False,
    ),
    "nordic": (
        ("Erik", "Ingrid", "Lars", "Astrid", "Mikkel", "Sigrid", "Anders", "Freja", "Nils",
         "Maja"),
        ("Andersson", "Johansson", "Nielsen", "Hansen", "Larsen", "Lindqvist", "Berg", "Dahl",
         "Nyström", "Holm"),
        False,
    ),
    "chinese": (
        ("Wei", "Fang", "Jun", "Li", "Hao", "Min", "Lei", "Xin", "Yang", "Jing", "Tao", "Yan",
         "Ming", "Hui"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
         "Sun", "Ma", "Zhu", "Hu", "Guo"),
        True,
    ),
    "japanese": (
        ("Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Kenji", "Yuki", "Takeshi", "Akiko"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
         "Kobayashi", "Kato"),
        True,
    ),
    "korean": (
        ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Joon", "Soo-ah", "Do-yun", "Ji-woo"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
        True,
    ),
    "indian": (
        ("Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Kavya", "Rohan", "Neha", "Aditya",
         "Meera", "Sanjay", "Divya"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Mehta", "Rao", "Singh", "Kumar",
         "Desai", "Menon"),
        False,
    ),
    "arabic": (
        ("Omar", "Layla", "Ahmed", "Fatima", "Khalid", "Noor", "Youssef", "Mariam", "Tariq",
         "Salma", "Hassan", "Rania"),
        ("Al-Farsi", "Haddad", "Mansour", "Nasser", "Khalil", "Saleh", "Aziz", "Hamdan",
         "Qasim", "Darwish"),
        False,
    ),
    "african": (
        ("Chinedu", "Ngozi", "Emeka", "Amara", "Tunde", "Folake", "Kwame", "Abena",
         "Oluwaseun", "Zainab"),
        ("Okafor", "Adeyemi", "Okonkwo", "Mensah", "Balogun", "Nwosu", "Eze", "Boateng",
         "Owusu", "Bello"),
        False,
    ),
    "turkish": (
        ("Mehmet", "Elif", "Emre", "Zeynep", "Burak", "Ayşe", "Can", "Deniz"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"),
        False,
    ),
    "indonesian": (
        ("Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Adi", "Ratna"),
        ("Santoso", "Wijaya", "Hidayat", "Saputra", "Kusuma", "Pratama", "Halim", "Gunawan"),
        False,
    ),
}

_REGION_CULTURES: dict[str, tuple[tuple[str, float], ...]] = {
    "EU": (("english", 2), ("german", 2), ("french", 2), ("spanish", 2), ("italian", 1.5),
           ("nordic", 1), ("turkish", 0.5), ("arabic", 0.5), ("indian", 0.5)),
    "NA": (("english", 4), ("spanish", 1.5), ("indian", 1), ("chinese", 1), ("korean", 0.5),
           ("african", 0.5), ("french", 0.3)),
    "LATAM": (("spanish", 4), ("portuguese", 3), ("english", 0.5), ("italian", 0.5),
              ("german", 0.3)),
    "APAC": (("chinese", 3), ("japanese", 2), ("korean", 1), ("indian", 2), ("indonesian", 1.5),
             ("english", 0.7)),
    "MEA": (("arabic", 3), ("african", 2), ("turkish", 1), ("indian", 1), ("english", 0.7),
            ("french", 0.5)),
    "GLOBAL": tuple((name, 1.0) for name in _CULTURES),
}

_COMPANY_PREFIXES = (
    "Northwind", "Blue Harbor", "Silverline", "Granite", "Aurora", "Meridian", "Cedar",
    "Summit Ridge", "Ironbridge", "Lakeside", "Redwood", "Crescent", "Highland", "Oakmont",
    "Brightwater", "Stonegate", "Evergreen", "Pinnacle", "Riverbend", "Westgate", "Eastfield",
    "Goldcrest", "Harborview", "Kingsley", "Larkspur", "Maplewood", "Northstar", "Orchard",
    "Pacific Crest", "Quarry Hill", "Ravenna", "Sterling", "Thornbury", "Valemont", "Windmere",
    "Alder", "Bellhaven", "Coastline", "Driftwood", "Emberly", "Fairhaven", "Glenmoor",
    "Hollis", "Ivybridge", "Juniper", "Kestrel", "Lumen", "Marlow", "Nordhaven", "Ostara",
    "Quillon", "Rosemont", "Saxby", "Tidewater", "Umber", "Vantage", "Whitecliff", "Zephyr",
    "Arcadia", "Bramble", "Calder", "Dunmore", "Elmstead", "Falcon Ridge", "Greyfield",
    "Hawthorne", "Solvik", "Tamarind", "Castellan", "Brightmoor",
)

_COMPANY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "telecom": ("Telecom", "Communications", "Mobile", "Networks", "Telco Group"),
    "energy": ("Energy", "Power", "Utilities", "Grid", "Renewables"),
    "banking": ("Bank", "Financial Group", "Savings Bank", "Capital", "Bancorp"),
    "transport": ("Rail", "Logistics", "Airways", "Transit Authority", "Ports"),
    "government": ("Revenue Agency", "Digital Government Office", "Public Health Authority",
                   "Transport Ministry", "City Council"),
    "manufacturing": ("Industries", "Manufacturing", "Motors", "Steel", "Machinery"),
    "retail": ("Retail Group", "Stores", "Markets", "Fashion", "Home & Living"),
    "healthcare": ("Health", "Hospitals", "Medical Group", "Healthcare", "Clinics"),
}

_COMPETITORS = (
    "Rival Networks", "Apex Systems", "Vertex Solutions", "Helios Digital", "Crestline Group",
    "Orion Infotech", "Nordlys Data", "Bluepeak Technologies",
)

# --- client organization ---------------------------------------------------------------------

# (division name, function, title of its head when the head is rank A)
_Division = tuple[str, str, str]
_CORE_DIVISIONS: tuple[_Division, ...] = (
    ("Technology", "technology", "Chief Technology Officer"),
    ("Finance", "finance", "Chief Financial Officer"),
    ("Operations", "operations", "Chief Operating Officer"),
    ("Procurement", "procurement", "Chief Procurement Officer"),
    ("Commercial", "sales", "Chief Commercial Officer"),
)
_MORE_DIVISIONS: tuple[_Division, ...] = (
    ("Information Technology", "it", "Chief Information Officer"),
    ("Marketing", "marketing", "Chief Marketing Officer"),
)
_LATE_DIVISIONS: tuple[_Division, ...] = (
    ("Human Resources", "hr", "Chief Human Resources Officer"),
    ("Legal & Compliance", "legal", "General Counsel"),
    ("Strategy", "strategy", "Chief Strategy Officer"),
    ("Customer Service", "service", "Chief Customer Officer"),
)
_INDUSTRY_DIVISIONS: dict[str, tuple[_Division, _Division]] = {
    "telecom": (("Network", "technology", "EVP Network"),
                ("Consumer Business", "sales", "EVP Consumer Business")),
    "energy": (("Grid Operations", "operations", "EVP Grid Operations"),
               ("Generation", "operations", "EVP Generation")),
    "banking": (("Risk Management", "risk", "Chief Risk Officer"),
                ("Retail Banking", "sales", "EVP Retail Banking")),
    "transport": (("Infrastructure & Fleet", "operations", "EVP Infrastructure & Fleet"),
                  ("Passenger Services", "service", "EVP Passenger Services")),
    "government": (("Digital Services", "technology", "Chief Digital Officer"),
                   ("Citizen Services", "service", "Deputy Director General, Citizen Services")),
    "manufacturing": (("Production", "operations", "EVP Production"),
                      ("Supply Chain", "procurement", "Chief Supply Chain Officer")),
    "retail": (("Stores", "operations", "EVP Stores"),
               ("E-commerce", "sales", "Chief Digital Officer")),
    "healthcare": (("Clinical Services", "operations", "Chief Medical Officer"),
                   ("Medical Informatics", "technology", "Chief Medical Information Officer")),
}

_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Technology": ("Architecture", "Infrastructure", "Software Engineering", "Cybersecurity",
                   "Data & Analytics", "Cloud Platform", "R&D"),
    "Information Technology": ("Enterprise Applications", "IT Operations", "Service Desk",
                               "IT Security", "Digital Workplace"),
    "Finance": ("Controlling", "Treasury", "Accounting", "Budget & Planning",
                "Investor Relations"),
    "Operations": ("Service Operations", "Field Operations", "Quality Management", "Planning",
                   "Maintenance", "Health & Safety"),
    "Procurement": ("Strategic Sourcing", "Vendor Management", "Tendering",
                    "Contract Management"),
    "Commercial": ("Enterprise Sales", "Key Accounts", "Channel Partners", "Sales Operations",
                   "Pricing"),
    "Marketing": ("Brand", "Product Marketing", "Market Insight", "Digital Marketing",
                  "Communications"),
    "Human Resources": ("Talent Acquisition", "Learning & Development",
                        "Compensation & Benefits"),
    "Legal & Compliance": ("Contracts", "Regulatory Affairs", "Compliance"),
    "Strategy": ("Corporate Development", "Transformation Office", "Enterprise Architecture"),
    "Customer Service": ("Contact Center", "Customer Experience", "Complaints"),
    "Network": ("Core Network", "Radio Access", "Transmission", "Network Operations Center"),
    "Consumer Business": ("Mobile Products", "Broadband", "Retail Channels"),
    "Grid Operations": ("Transmission Grid", "Distribution Grid", "Control Center", "Metering"),
    "Generation": ("Thermal Plants", "Renewables", "Asset Management"),
    "Risk Management": ("Credit Risk", "Operational Risk", "Model Validation"),
    "Retail Banking": ("Branches", "Cards", "Mortgages", "Digital Banking"),
    "Infrastructure & Fleet": ("Rolling Stock", "Signalling", "Depots", "Track & Stations"),
    "Passenger Services": ("Ticketing", "Stations", "Customer Information"),
    "Digital Services": ("e-Government Platform", "Identity Services", "Data Center"),
    "Citizen Services": ("Service Centers", "Case Management", "Call Center"),
    "Production": ("Plant Engineering", "Automation", "Production Planning",
                   "Quality Assurance"),
    "Supply Chain": ("Logistics", "Warehousing", "Demand Planning"),
    "Stores": ("Store Operations", "Loss Prevention", "Store Systems"),
    "E-commerce": ("Online Shop", "Fulfillment Center", "Customer Analytics"),
    "Clinical Services": ("Radiology", "Laboratories", "Nursing Administration", "Pharmacy"),
    "Medical Informatics": ("Clinical Systems", "Health Records", "Telemedicine"),
}
_TEAM_SUFFIXES = ("Core", "Projects", "Support", "Regional", "Delivery", "Planning",
                  "Governance", "Innovation")
_SUBTEAM_NAMES = ("North Unit", "South Unit", "East Unit", "West Unit", "Central Unit")

_STAFF_TITLES: dict[str, tuple[str, ...]] = {
    "technology": ("Senior Architect", "Network Engineer", "Solution Architect", "Project Manager",
                   "DevOps Engineer", "Security Analyst", "Data Engineer", "Systems Engineer"),
    "it": ("Application Manager", "IT Service Manager", "Systems Administrator",
           "Business Analyst", "Database Administrator"),
    "finance": ("Financial Controller", "Financial Analyst", "Accountant", "Budget Analyst"),
    "operations": ("Operations Manager", "Field Engineer", "Quality Engineer", "Planner",
                   "Maintenance Supervisor"),
    "procurement": ("Procurement Manager", "Category Manager", "Buyer", "Sourcing Specialist",
                    "Contract Manager"),
    "sales": ("Sales Manager", "Key Account Manager", "Sales Analyst", "Pricing Analyst"),
    "marketing": ("Marketing Manager", "Brand Manager", "Market Analyst", "Content Lead"),
    "hr": ("HR Business Partner", "Recruiter", "Training Coordinator"),
    "legal": ("Legal Counsel", "Compliance Officer", "Paralegal"),
    "strategy": ("Strategy Manager", "Transformation Lead", "Enterprise Architect"),
    "service": ("Service Manager", "Customer Experience Analyst", "Team Supervisor"),
    "risk": ("Risk Analyst", "Risk Manager", "Model Validator"),
    "executive": ("Executive Assistant",),
}

_THEMES: tuple[tuple[str, str], ...] = (
    ("Data center consolidation", "technology"), ("Hybrid cloud platform", "it"),
    ("SD-WAN rollout", "it"), ("Security operations center", "technology"),
    ("ERP upgrade", "finance"), ("Field service mobility", "operations"),
    ("Customer data platform", "sales"), ("Contact center modernization", "operations"),
    ("Managed services renewal", "operations"), ("Private 5G campus network", "technology"),
    ("AI analytics platform", "technology"), ("e-Sourcing suite", "procurement"),
)
_INDUSTRY_THEMES: dict[str, tuple[tuple[str, str], ...]] = {
    "telecom": (("Core network modernization", "technology"), ("5G RAN expansion", "technology"),
                ("OSS/BSS transformation", "it")),
    "energy": (("Smart metering rollout", "operations"), ("Grid SCADA upgrade", "technology"),
               ("Renewables asset monitoring", "operations")),
    "banking": (("Core banking migration", "it"), ("Fraud detection platform", "technology"),
                ("Branch network refresh", "operations")),
    "transport": (("Rail signalling digitalization", "technology"),
                  ("Fleet telematics", "operations"), ("Passenger Wi-Fi", "technology")),
    "government": (("e-Government cloud", "technology"), ("Digital identity platform", "it"),
                   ("Emergency communications network", "operations")),
    "manufacturing": (("Smart factory IoT", "operations"), ("MES rollout", "it"),
                      ("Predictive maintenance", "operations")),
    "retail": (("Store network refresh", "operations"),
               ("Omnichannel commerce platform", "technology"),
               ("Supply chain visibility", "it")),
    "healthcare": (("Hospital information system", "it"), ("PACS imaging archive", "technology"),
                   ("Telemedicine platform", "technology")),
}

# --- our side --------------------------------------------------------------------------------

_EXEC_S_TITLES = ("Chairman", "Chief Executive Officer", "President, Enterprise Business Group",
                  "President, Global Accounts", "Board Member, Global Strategy")
_EXEC_FOCUS = ("technology", "sales", "operations", "finance", "general")
_EXEC_A_TITLES = {
    "technology": ("Chief Technology Officer", "VP Solutions", "VP Product & Technology"),
    "sales": ("Region President, {region}", "VP {industry} Sector", "VP Global Accounts"),
    "operations": ("VP Global Services", "VP Delivery", "Chief Customer Officer"),
    "finance": ("VP Finance", "Chief Financial Officer, {region}"),
    "general": ("VP Strategy", "Vice President, {region} Enterprise"),
}
_ROLE_TITLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("account_manager", "B"): ("Account Director", "Key Account Director",
                               "Global Account Director"),
    ("account_manager", "C"): ("Account Manager", "Client Manager"),
    ("solution_manager", "B"): ("Solution Director", "Chief Solution Architect"),
    ("solution_manager", "C"): ("Solution Manager", "Solution Architect"),
    ("fulfillment_manager", "B"): ("Delivery Director", "Fulfillment Director"),
    ("fulfillment_manager", "C"): ("Fulfillment Manager", "Project Manager"),
    ("other", "B"): ("Service Director", "Product Director"),
    ("other", "C"): ("Pre-sales Engineer", "Service Manager", "Product Manager",
                     "Finance Business Partner", "Bid Manager", "Customer Success Manager"),
}
# Which iron-triangle role naturally faces a client function.
_FACING_ROLE = {
    "technology": "SR", "it": "SR", "strategy": "SR", "risk": "SR",
    "operations": "FR", "service": "FR",
}

_EXEC_FOCUS_OF = {
    "technology": "technology", "it": "technology", "strategy": "general", "risk": "finance",
    "operations": "operations", "service": "operations", "finance": "finance",
    "sales": "sales", "marketing": "sales", "procurement": "finance",
}

# --- interactions ----------------------------------------------------------------------------

_ORG_TYPES_BY_PARTNERSHIP: dict[str, tuple[str, ...]] = {
    "strategic_partner": ("summit", "executive_visit", "strategy_workshop", "workshop",
                          "joint_innovation", "service_annual_meeting", "roadmap_exchange", "csr"),
    "partner": ("summit", "executive_visit", "strategy_workshop", "roadmap_exchange",
                "service_annual_meeting"),
    "ordinary": ("summit", "executive_visit"),
}
_ORG_TYPES = frozenset(_ORG_TYPES_BY_PARTNERSHIP["strategic_partner"])
_KEY_TYPES = frozenset(("formal_visit", "banquet", "entertainment", "care", "expert_advisory"))
_GENERAL_TYPES = frozenset(("reference_site_visit", "special_inspection", "management_training",
                            "delivery_milestone", "department_social", "routine_care"))
# business_exchange, company_tour, call and email serve both the key and the general layer
_REMOTE_TYPES = frozenset(("call", "email"))
_MIXES: dict[str, tuple[tuple[str, float], ...]] = {
    "S": (("executive_visit", 2), ("banquet", 2), ("care", 1), ("formal_visit", 1)),
    "A": (("formal_visit", 3), ("business_exchange", 3), ("banquet", 1), ("company_tour", 1),
          ("entertainment", 1), ("care", 1), ("expert_advisory", 2), ("call", 1.5),
          ("email", 1)),
    "keyB": (("business_exchange", 3), ("formal_visit", 2), ("expert_advisory", 2), ("call", 4),
             ("email", 4), ("care", 1), ("entertainment", 1), ("banquet", 0.5),
             ("company_tour", 0.5)),
    "keyC": (("business_exchange", 3), ("call", 4), ("email", 4), ("expert_advisory", 1),
             ("care", 1), ("routine_care", 1), ("delivery_milestone", 1), ("company_tour", 0.5)),
    "general": (("business_exchange", 2), ("routine_care", 2), ("delivery_milestone", 2),
                ("department_social", 1.5), ("management_training", 1),
                ("reference_site_visit", 0.7), ("special_inspection", 0.7),
                ("company_tour", 0.7), ("call", 3), ("email", 3)),
}
_SUMMARIES: dict[str, tuple[str, ...]] = {
    "summit": ("CEO-to-CEO summit on the strategic partnership",
               "Annual top-management summit", "Joint leadership summit on the next five years"),
    "executive_visit": ("Executive visit to the client headquarters",
                        "Our executive team hosted at headquarters",
                        "Executive visit to our innovation center"),
    "strategy_workshop": ("Joint strategy workshop on digital transformation",
                          "Strategy alignment workshop", "Joint planning workshop for next year"),
    "workshop": ("Joint solution design workshop", "Architecture workshop with client experts",
                 "Joint process alignment workshop"),
    "joint_innovation": ("Joint innovation lab kick-off", "Joint innovation project review",
                         "Co-creation session on a new service"),
    "service_annual_meeting": ("Annual service review meeting",
                               "Service annual meeting: SLA results and improvement plan"),
    "roadmap_exchange": ("Product roadmap exchange", "Technology roadmap briefing",
                         "Roadmap exchange with the architecture board"),
    "csr": ("Joint CSR day: digital skills for schools", "Joint green-energy CSR initiative"),
    "formal_visit": ("Formal visit to discuss priorities", "Formal visit with proposal overview",
                     "Quarterly relationship visit"),
    "business_exchange": ("Business exchange on current projects", "Requirements discussion",
                          "Business review of open topics", "Technical exchange"),
    "banquet": ("Dinner after the steering meeting", "Business dinner",
                "Year-end banquet"),
    "company_tour": ("Tour of our headquarters and labs", "Visit to our showroom",
                     "Factory tour"),
    "entertainment": ("Golf afternoon", "Concert evening", "Sports event"),
    "care": ("Birthday greetings", "Get-well visit", "Congratulations on the promotion"),
    "expert_advisory": ("Expert session on architecture options",
                        "Expert advisory on security compliance", "Benchmark briefing"),
    "reference_site_visit": ("Reference site visit to a peer customer",
                             "Reference site visit abroad"),
    "special_inspection": ("Joint inspection of the installed base",
                           "Pre-peak-season network inspection"),
    "management_training": ("Management training for department leads",
                            "Project-management training session"),
    "delivery_milestone": ("Delivery milestone acceptance", "Go-live celebration",
                           "Phase acceptance meeting"),
    "department_social": ("Department team-building event", "Department lunch",
                          "Year-end department party"),
    "routine_care": ("Routine service check-in", "Routine care visit", "Ticket follow-up"),
    "call": ("Follow-up call", "Status call", "Call about the open issue", "Quick check-in call"),
    "email": ("Sent meeting minutes", "Shared proposal draft", "Answered technical questions",
              "Sent follow-up material"),
}


def _cum(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    names = [name for name, _ in pairs]
    total = 0.0
    cum: list[float] = []
    for _, weight in pairs:
        total += weight
        cum.append(total)
    return names, cum


_MIX_CUM = {name: _cum(pairs) for name, pairs in _MIXES.items()}
_CULTURE_CUM = {region: _cum(pairs) for region, pairs in _REGION_CULTURES.items()}


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return "-".join(words)


def _clip(value: int) -> int:
    return -1 if value < -1 else 3 if value > 3 else value


# --- internal records ------------------------------------------------------------------------

@dataclass(slots=True)
class _Account:
    index: int
    id: str
    name: str
    tier: str
    partnership: str
    industry: str
    region: str
    size: int
    domain: str
    flags: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Unit:
    id: str
    name: str
    parent: int
    level: int
    function: str
    division: int
    head_title: str = ""
    head: int = -1
    members: list[int] = field(default_factory=list)
    children: list[int] = field(default_factory=list)
    dark: bool = False


@dataclass(slots=True)
class _Contact:
    id: str
    name: str
    email: str
    title: str
    rank: str
    function: str
    unit: int
    start: int  # days before as_of the person took the current position
    end: int = 0  # days before as_of the person left; 0 = still there
    manager: int = -1
    key: bool = False
    rising: bool = False


@dataclass(slots=True)
class _Team:
    ar: str | None = None
    sr: str | None = None
    fr: str | None = None
    members: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)  # active team staff, AR first
    former: str | None = None  # an inactive ex-member (left the company)


@dataclass(slots=True)
class _Chains:
    """Decision chains of one account's opportunities."""

    open_members: set[int] = field(default_factory=set)
    by_contact: dict[int, list[str]] = field(default_factory=dict)


# (days ago, type, layer, opportunity, our attendees, their attendees, summary)
_Row = tuple[int, str, str, str | None, list[str], list[str], str]


class _Builder:
    """Builds one portfolio; all randomness from one seeded generator."""

    def __init__(self, accounts: int, seed: int, as_of: datetime.date) -> None:
        self.n = accounts
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.doc: dict[str, Any] = {"format": "relgraph/1"}
        for name in ARRAYS:
            self.doc[name] = []
        self._days: dict[int, str] = {}
        self._next = {"ou": 0, "c": 0, "s": 0, "i": 0, "o": 0}
        self.staff_rank: dict[str, str] = {}
        self.staff_active: dict[str, bool] = {}
        self.a_load: dict[str, int] = {}
        self.exec_s: list[str] = []
        self.exec_a: list[str] = []
        self.exec_pools: dict[tuple[str, str], list[str]] = {}
        self.favored: set[str] = set()
        self.inactive_exec: str | None = None
        self.competitors: list[str] = []
        self._shared_c_ar: tuple[str, int] | None = None
        self.emails: set[str] = set()  # e-mail addresses taken in the current account

    # -- small helpers --------------------------------------------------------------------

    def day(self, ago: int) -> str:
        """ISO date `ago` days before as_of (negative = future), cached and shared."""
        text = self._days.get(ago)
        if text is None:
            text = (self.as_of - datetime.timedelta(days=ago)).isoformat()
            self._days[ago] = text
        return text

    def new_id(self, prefix: str, width: int) -> str:
        self._next[prefix] += 1
        return f"{prefix}-{self._next[prefix]:0{width}d}"

    def person_name(self, region: str) -> tuple[str, str, str]:
        names, cum = _CULTURE_CUM[region]
        culture = self.rng.choices(names, cum_weights=cum)[0]
        given_names, family_names, family_first = _CULTURES[culture]
        given = self.rng.choice(given_names)
        family = self.rng.choice(family_names)
        full = f"{family} {given}" if family_first else f"{given} {family}"
        return full, given, family

    def contact_name(self, acc: _Account) -> tuple[str, str]:
        """A client person's name and a unique e-mail address in the account's domain."""
        full, given, family = self.person_name(acc.region)
        local = f"{_ascii(given)}.{_ascii(family)}"
        email = f"{local}@{acc.domain}"
        n = 2
        while email in self.emails:
            email = f"{local}{n}@{acc.domain}"
            n += 1
        self.emails.add(email)
        return full, email

    def strength(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high), 2)

    def new_staff(self, name: str, title: str, rank: str, role: str, active: bool = True) -> str:
        sid = self.new_id("s", 5)
        self.doc["staff"].append({"id": sid, "name": name, "title": title, "rank": rank,
                                  "role": role, "active": active})
        self.staff_rank[sid] = rank
        self.staff_active[sid] = active
        return sid

    def new_role_staff(self, role: str, rank: str, active: bool = True) -> str:
        name = self.person_name("GLOBAL")[0]
        return self.new_staff(name, self.rng.choice(_ROLE_TITLES[(role, rank)]), rank, role,
                              active)

    # -- the portfolio --------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        plans = self.plan_accounts()
        self.make_competitors()
        self.make_executives(sum(p.size for p in plans))
        for plan in plans:
            self.build_account(plan)
        return self.doc

    def tier_list(self) -> list[str]:
        counts = {"S": max(1, math.ceil(self.n * 0.10))}
        rest = self.n - counts["S"]
        shares = [(tier, share / 0.90 * rest) for tier, share in TIER_SHARE[1:]]
        for tier, value in shares:
            counts[tier] = int(value)
        left = rest - sum(counts[t] for t, _ in shares)
        by_remainder = sorted(shares, key=lambda p: p[1] - int(p[1]), reverse=True)
        for tier, _ in by_remainder[:left]:
            counts[tier] += 1
        tiers = [t for t in ("S", "A", "B", "C") for _ in range(counts.get(t, 0))]
        tiers = tiers[: self.n]
        self.rng.shuffle(tiers)
        first_s = tiers.index("S")
        tiers[0], tiers[first_s] = tiers[first_s], tiers[0]
        return tiers

    def plan_accounts(self) -> list[_Account]:
        rng = self.rng
        tiers = self.tier_list()
        industries = list(INDUSTRIES)
        rng.shuffle(industries)
        used: set[str] = set()
        plans: list[_Account] = []
        partnership_weights = {
            "S": (0.8, 0.2, 0.0), "A": (0.2, 0.6, 0.2), "B": (0.0, 0.3, 0.7), "C": (0.0, 0.1, 0.9),
        }
        for index, tier in enumerate(tiers):
            industry = industries[index % len(industries)]
            region = rng.choice(REGIONS)
            name = ""
            for _ in range(30):
                candidate = (f"{rng.choice(_COMPANY_PREFIXES)} "
                             f"{rng.choice(_COMPANY_SUFFIXES[industry])}")
                if candidate not in used:
                    name = candidate
                    break
            if not name:
                name = f"{rng.choice(_COMPANY_PREFIXES)} {industry.title()} {index + 1}"
            used.add(name)
            if index == 0:
                partnership = "strategic_partner"  # the showcase account runs every action
            else:
                partnership = rng.choices(("strategic_partner", "partner", "ordinary"),
                                          weights=partnership_weights[tier])[0]
            size = max(20, round(CONTACTS_PER_TIER[tier] * rng.uniform(0.85, 1.15)))
            plans.append(_Account(index, f"acc-{index + 1:04d}", name, tier, partnership,
                                  industry, region, size, _slug(name) + ".example"))
        self.plan_imperfections(plans)
        for plan in plans:
            self.doc["accounts"].append({
                "id": plan.id, "name": plan.name, "tier": plan.tier,
                "partnership": plan.partnership, "industry": plan.industry,
                "region": plan.region,
            })
        return plans

    def plan_imperfections(self, plans: list[_Account]) -> None:
        """Choose which accounts carry the account-level imperfections (deterministically)."""
        rng = self.rng
        flags: dict[int, set[str]] = {p.index: set() for p in plans}
        flags[0] |= {"showcase", "overloaded", "duplicate", "dark", "opposed_dm",
                     "unknown_member", "captured", "sponsor_mismatch"}
        key_tiers = [p for p in plans if p.tier in ("S", "A")]
        s_accounts = [p for p in key_tiers if p.tier == "S"]
        rest_key = [p for p in key_tiers if p.index != 0]

        def pick(pool: list[_Account], rate: float, minimum: int) -> list[_Account]:
            count = min(len(pool), max(minimum, round(rate * len(pool))))
            return rng.sample(pool, count)

        # single-threaded: prefer tier A accounts, never the showcase
        a_only = [p for p in rest_key if p.tier == "A"] or rest_key
        single = pick(a_only, 0.08, 1)
        for p in single:
            flags[p.index].add("single_threaded")
        others = [p for p in rest_key if "single_threaded" not in flags[p.index]]
        for i, p in enumerate(pick(others, 0.15, 2)):
            flags[p.index].add("triangle_missing" if i % 2 == 0 else "triangle_inactive")
        for i, p in enumerate(pick(rest_key, 0.12, 1)):
            flags[p.index].add("no_account_sponsor" if i % 2 == 0 else "inactive_sponsor")
        second_s = [p for p in s_accounts if p.index != 0]
        for p in pick(second_s, 0.3, 1):
            flags[p.index].add("missing_c")
        for p in pick(second_s, 0.2, 1):
            flags[p.index].add("no_personal_sponsor")
        if second_s and self.n >= 12:
            flags[second_s[0].index].add("overloaded")
        for p in plans[1:]:
            if rng.random() < 0.25:
                flags[p.index].add("duplicate")
            if rng.random() < 0.4:
                flags[p.index].add("dark")
            if rng.random() < 0.10:
                flags[p.index].add("opposed_dm")
            if "dark" in flags[p.index] and rng.random() < 0.5:
                flags[p.index].add("unknown_member")
            if rng.random() < 0.15:
                flags[p.index].add("sponsor_mismatch")
        for p in plans:
            p.flags = frozenset(flags[p.index])

    def make_competitors(self) -> None:
        count = 5 + self.rng.randint(0, 3)
        for i, name in enumerate(self.rng.sample(_COMPETITORS, count)):
            kid = f"k-{i + 1:02d}"
            self.competitors.append(kid)
            self.doc["competitors"].append({"id": kid, "name": name})

    def make_executives(self, total_contacts: int) -> None:
        rng = self.rng
        n_exec = max(6, round(total_contacts / 8 * 0.04))
        n_s = max(2, n_exec // 8)
        for i in range(n_exec):
            focus = _EXEC_FOCUS[i % len(_EXEC_FOCUS)]
            if i < n_s:
                base = _EXEC_S_TITLES[i % len(_EXEC_S_TITLES)]
                title = base if i < len(_EXEC_S_TITLES) else f"President, {REGIONS[i % 5]} Region"
                rank = "S"
            else:
                template = rng.choice(_EXEC_A_TITLES[focus])
                title = template.format(region=rng.choice(REGIONS),
                                        industry=rng.choice(INDUSTRIES).title())
                rank = "A"
            sid = self.new_staff(self.person_name("GLOBAL")[0], title, rank, "executive")
            self.exec_pools.setdefault((rank, focus), []).append(sid)
            (self.exec_s if rank == "S" else self.exec_a).append(sid)
        self.inactive_exec = self.new_staff(self.person_name("GLOBAL")[0],
                                            "Former Vice President, Enterprise", "A",
                                            "executive", active=False)

    def pick_exec(self, rank: str, function: str) -> str:
        """An executive of `rank`, preferably with a business focus matching `function`."""
        focus = _EXEC_FOCUS_OF.get(function, "general")
        pool = self.exec_pools.get((rank, focus)) or (self.exec_s if rank == "S" else self.exec_a)
        return self.rng.choice(pool)

    # -- one account ----------------------------------------------------------------------

    def build_account(self, acc: _Account) -> None:
        units = self.org_units(acc)
        people = self.contacts(acc, units)
        self.reporting_lines(acc, people)
        self.influences(acc, people, units)
        team = self.team(acc)
        supplies = self.supplies(acc)
        dark = self.choose_dark_units(acc, units, people)
        untouchable: set[int] = set()
        for u in dark:
            untouchable.update(units[u].members)
        attitude = self.plan_attitudes(acc, people, untouchable)
        chains = self.opportunities(acc, people, units, team, attitude, untouchable, supplies)
        keys = [i for i, c in enumerate(people)
                if c.end == 0 and (c.key or c.rank in ("S", "A") or i in chains.open_members)]
        for i in keys:
            if i not in attitude and i not in untouchable and self.rng.random() < 0.55:
                attitude[i] = self.rng.choices((0, 1, 2), weights=(3, 4, 2))[0]
        owners = self.owners(acc, people, keys, team, untouchable)
        account_sponsor, sponsors = self.sponsors(acc, people, team)
        self.assessments(acc, people, keys, attitude, owners, team)
        relations = self.knows(acc, people, team, owners, sponsors, untouchable)
        self.favors(people, supplies)
        self.interactions(acc, people, keys, team, relations, untouchable, chains,
                          account_sponsor, sponsors)
        self.emit_contacts(acc, people, units, attitude, untouchable)

    def org_units(self, acc: _Account) -> list[_Unit]:
        rng = self.rng
        n = acc.size
        n_div = min(11, max(4, 3 + n // 25))
        extra = _INDUSTRY_DIVISIONS[acc.industry]
        catalog = [*_CORE_DIVISIONS, extra[0], *_MORE_DIVISIONS, extra[1], *_LATE_DIVISIONS]
        divisions = catalog[:n_div]
        root_name = "Office of the Director General" if acc.industry == "government" else (
            "Executive Office")
        units = [_Unit(self.new_id("ou", 6), root_name, -1, 1, "executive", -1)]
        target_depts = max(n_div, round(n / 7))
        per_div = target_depts / n_div
        for name, function, head_title in divisions:
            d = len(units)
            units.append(_Unit(self.new_id("ou", 6), name, 0, 2, function, d, head_title))
            units[0].children.append(d)
        for d in range(1, len(units)):
            catalog_depts = _DEPARTMENTS[units[d].name]
            count = max(1, min(len(catalog_depts), round(per_div + rng.uniform(-0.8, 0.8))))
            for dept in rng.sample(catalog_depts, count):
                u = len(units)
                units.append(_Unit(self.new_id("ou", 6), dept, d, 3, units[d].function, d))
                units[d].children.append(u)
        if acc.tier != "C":
            departments = [u for u in range(len(units)) if units[u].level == 3]
            for _ in range(round(n / 12)):
                parent = rng.choice(departments)
                if len(units[parent].children) >= 3:
                    continue
                taken = {units[c].name for c in units[parent].children}
                suffix = rng.choice([s for s in _TEAM_SUFFIXES
                                     if f"{units[parent].name} {s}" not in taken])
                u = len(units)
                units.append(_Unit(self.new_id("ou", 6), f"{units[parent].name} {suffix}",
                                   parent, 4, units[parent].function, units[parent].division))
                units[parent].children.append(u)
        if acc.tier == "S":
            teams = [u for u in range(len(units)) if units[u].level == 4]
            for team in rng.sample(teams, min(len(teams), 5)):
                for sub in rng.sample(_SUBTEAM_NAMES, 2):
                    u = len(units)
                    units.append(_Unit(self.new_id("ou", 6), sub, team, 5, units[team].function,
                                       units[team].division))
                    units[team].children.append(u)
        for unit in units:
            self.doc["orgUnits"].append({
                "id": unit.id, "account": acc.id, "name": unit.name,
                "parent": units[unit.parent].id if unit.parent >= 0 else None,
            })
        return units

    def contacts(self, acc: _Account, units: list[_Unit]) -> list[_Contact]:
        rng = self.rng
        people: list[_Contact] = []
        emails: set[str] = set()
        self.emails = emails

        def add(unit: int, rank: str, title: str, function: str, manager: int,
                start: int | None = None) -> int:
            full, email = self.contact_name(acc)
            if start is None:
                start = rng.randint(800, 4000) if rng.random() < 0.85 else rng.randint(60, 799)
            idx = len(people)
            people.append(_Contact(self.new_id("c", 6), full, email, title, rank, function, unit,
                                   start, manager=manager))
            units[unit].members.append(idx)
            return idx

        ceo_title = {"government": "Director General", "healthcare": "Chief Executive",
                     "banking": "Chairman & CEO"}.get(acc.industry,
                                                      rng.choice(("Chief Executive Officer",
                                                                  "President & CEO")))
        ceo = add(0, "S", ceo_title, "executive", -1, rng.randint(900, 3500))
        units[0].head = ceo
        add(0, "C", "Executive Assistant to the CEO", "executive", ceo)
        if acc.tier in ("S", "A"):
            add(0, "B", "Chief of Staff", "strategy", ceo)
        n_a = {"S": 9, "A": 7, "B": 4, "C": 3}[acc.tier]
        divisions = [u for u in range(len(units)) if units[u].level == 2]
        for rank_pos, d in enumerate(divisions):
            division = units[d]
            if rank_pos < n_a:
                head = add(d, "A", division.head_title, division.function, ceo)
                if acc.tier in ("S", "A") and rng.random() < 0.3:
                    add(d, "C", f"Executive Assistant to the {division.head_title}", "executive",
                        head)
            else:
                head = add(d, "B", f"Head of {division.name}", division.function, ceo)
            units[d].head = head
        for u, unit in enumerate(units):
            if unit.level == 3:
                title = rng.choice((f"Director, {unit.name}", f"Head of {unit.name}"))
                unit.head = add(u, "B", title, unit.function, units[unit.parent].head)
        for u, unit in enumerate(units):
            if unit.level >= 4:
                title = rng.choice((f"{unit.name} Team Lead", f"Manager, {unit.name}"))
                if unit.level == 5:
                    title = f"{units[unit.parent].name} {unit.name} Lead"
                unit.head = add(u, "C", title, unit.function, units[unit.parent].head)
        leafish = [u for u in range(len(units)) if units[u].level >= 3]
        weights = [1.0 if units[u].level == 3 else 2.0 for u in leafish]
        remaining = acc.size - len(people)
        if remaining > 0:
            for u in rng.choices(leafish, weights=weights, k=remaining):
                unit = units[u]
                titles = _STAFF_TITLES.get(unit.function, _STAFF_TITLES["operations"])
                add(u, "C", rng.choice(titles), unit.function, unit.head)
        # key flags: S/A always; some directors and a few managers (architects, buyers)
        for c in people:
            if c.rank in ("S", "A"):
                c.key = True
            elif c.rank == "B":
                c.key = rng.random() < 0.45
            else:
                boost = 2.0 if c.function in ("technology", "procurement", "it") else 1.0
                c.key = "Assistant" not in c.title and rng.random() < 0.06 * boost
        lows = [i for i, c in enumerate(people) if c.rank in ("B", "C") and
                "Assistant" not in c.title]
        for i in rng.sample(lows, min(len(lows), max(1, len(people) // 50))):
            people[i].rising = True
        return people

    def reporting_lines(self, acc: _Account, people: list[_Contact]) -> None:
        """Current lines from the tree; departed predecessors and a re-org leave history."""
        rng = self.rng
        lines = self.doc["reportingLines"]
        reports: dict[int, list[int]] = {}
        for i, c in enumerate(people):
            if c.manager >= 0:
                reports.setdefault(c.manager, []).append(i)
        history: dict[int, list[tuple[int, int, int]]] = {}  # person -> (manager, since, until)
        current_since: dict[int, int] = {}
        # departed predecessors: a former CXO or director left, a successor took over
        n_pred = {"S": 3, "A": 2, "B": 1, "C": rng.randint(0, 1)}[acc.tier]
        candidates = [i for i, c in enumerate(people)
                      if c.rank in ("A", "B") and c.manager == 0 and i in reports]
        candidates += [i for i, c in enumerate(people)
                       if c.rank == "B" and c.manager > 0 and i in reports]
        rng.shuffle(candidates)
        replaced: set[int] = set()
        for i in candidates[: max(0, n_pred * 3)]:
            if len(replaced) >= n_pred or rng.random() < 0.5:
                continue
            c = people[i]
            if c.manager in replaced:
                continue
            left = rng.randint(60, 600)
            c.start = left
            replaced.add(i)
            full, email = self.contact_name(acc)
            pred = len(people)
            people.append(_Contact(self.new_id("c", 6), full, email, c.title, c.rank,
                                   c.function, c.unit, left + rng.randint(400, 2500), end=left,
                                   manager=c.manager, key=True))
            for r in reports.get(i, []):
                report = people[r]
                if report.start > left:
                    history.setdefault(r, []).append((pred, report.start, left))
                    current_since[r] = left
        # departed staff-level people: a line that ended
        for i, c in enumerate(people):
            if c.rank == "C" and c.end == 0 and i not in reports and i not in history and \
                    rng.random() < 0.02:
                c.end = rng.randint(30, 700)
                c.start = max(c.start, c.end + rng.randint(200, 1500))
                c.key = False
        # a re-org moved some departments to another division
        if acc.tier != "C" and rng.random() < 0.4:
            reorg = rng.randint(200, 600)
            heads = [i for i, c in enumerate(people)
                     if c.rank == "B" and c.end == 0 and c.manager > 0
                     and people[c.manager].manager == 0 and c.start > reorg + 30
                     and c.manager not in replaced]
            division_heads = [i for i, c in enumerate(people) if c.manager == 0 and
                              c.rank in ("A", "B") and c.end == 0]
            for i in rng.sample(heads, min(len(heads), rng.randint(1, 2))):
                old = rng.choice([h for h in division_heads if h != people[i].manager] or [0])
                if old == 0:
                    continue
                history.setdefault(i, []).append((old, people[i].start, reorg))
                current_since[i] = reorg
        for i, c in enumerate(people):
            for manager, since, until in history.get(i, []):
                lines.append({"person": c.id, "manager": people[manager].id,
                              "since": self.day(since), "until": self.day(until)})
            if c.manager >= 0:
                lines.append({"person": c.id, "manager": people[c.manager].id,
                              "since": self.day(current_since.get(i, c.start)),
                              "until": self.day(c.end) if c.end else None})

    def influences(self, acc: _Account, people: list[_Contact], units: list[_Unit]) -> None:
        rng = self.rng
        out = self.doc["influences"]
        seen: set[tuple[int, int]] = set()

        def link(a: int, b: int, kind: str, low: float, high: float) -> None:
            if a == b or (a, b) in seen:
                return
            seen.add((a, b))
            out.append({"from": people[a].id, "to": people[b].id,
                        "strength": self.strength(low, high), "kind": kind})

        active = [i for i, c in enumerate(people) if c.end == 0]
        seniors = [i for i in active if people[i].rank in ("S", "A")]
        directors = [i for i in active if people[i].rank == "B"]
        staff_level = [i for i in active if people[i].rank == "C"]
        for i in active:
            c = people[i]
            if "Assistant" in c.title and c.manager >= 0:
                link(i, c.manager, "assistant", 0.8, 0.95)
            elif c.title == "Chief of Staff":
                link(i, 0, "advisor", 0.6, 0.85)
        for _ in range(min(len(seniors), 1 + len(seniors) // 3)):
            a, b = rng.sample(seniors, 2) if len(seniors) > 1 else (0, 0)
            link(a, b, "friend", 0.4, 0.8)
        for _ in range(max(1, len(people) // 25)):
            if directors and seniors:
                b = rng.choice(directors)
                a = rng.choice(seniors)
                if people[a].function != people[b].function:
                    link(b, a, "former_colleague", 0.3, 0.7)  # cross-unit line
                link(people[b].manager, b, "mentor", 0.5, 0.8)
        for _ in range(max(1, len(people) // 30)):
            if directors:
                b = rng.choice(directors)
                head = people[b].manager
                if head >= 0:
                    link(b, head, "advisor", 0.4, 0.7)
        # hidden influencers: rising stars and "small people" who sway senior people
        for i in active:
            c = people[i]
            if c.rising:
                target = rng.choice(seniors)
                link(i, target, rng.choice(("advisor", "former_colleague", "friend")), 0.5,
                     0.85)
        for i in rng.sample(staff_level, min(len(staff_level), max(1, len(people) // 60))):
            division_head = units[units[people[i].unit].division].head \
                if units[people[i].unit].division >= 0 else 0
            link(i, division_head if division_head >= 0 else 0, "advisor", 0.5, 0.8)
        for i in range(len(people)):
            if people[i].end and people[i].rank in ("A", "B") and rng.random() < 0.5:
                link(i, 0, "former_colleague", 0.4, 0.7)  # a departed CXO still talks to the CEO

    def team(self, acc: _Account) -> _Team:
        rng = self.rng
        team = _Team()
        teams = self.doc["teams"]
        single = "single_threaded" in acc.flags
        senior = acc.tier in ("S", "A")
        if acc.tier == "C" and self._shared_c_ar and self._shared_c_ar[1] < 3 and \
                rng.random() < 0.5:
            team.ar = self._shared_c_ar[0]
            self._shared_c_ar = (team.ar, self._shared_c_ar[1] + 1)
        else:
            team.ar = self.new_role_staff("account_manager", "B" if senior else
                                          rng.choice(("B", "C")))
            if acc.tier == "C":
                self._shared_c_ar = (team.ar, 1)
        wants_sr = senior or rng.random() < (0.8 if acc.tier == "B" else 0.4)
        wants_fr = senior or rng.random() < (0.6 if acc.tier == "B" else 0.2)
        if single:
            wants_sr = wants_fr = False
        if senior or acc.tier == "B" or rng.random() < 0.3:
            team.former = self.new_role_staff(rng.choice(("account_manager", "solution_manager",
                                                          "other")), "C", active=False)
        if wants_sr:
            team.sr = self.new_role_staff("solution_manager", "B" if senior else "C")
        if wants_fr:
            team.fr = self.new_role_staff("fulfillment_manager", "B" if senior else "C")
        broken = "triangle_missing" in acc.flags or "triangle_inactive" in acc.flags
        if broken:
            role = rng.choice(("SR", "FR"))
            if "triangle_missing" in acc.flags:
                if role == "SR":
                    team.sr = None
                else:
                    team.fr = None
            else:
                held = self.new_role_staff("solution_manager" if role == "SR" else
                                           "fulfillment_manager", "C", active=False)
                if role == "SR":
                    team.sr = held
                else:
                    team.fr = held
        if single and team.former:
            teams.append({"staff": team.former, "account": acc.id, "role": "SR"})
        size = 0 if single else max(0, round(acc.size / 8) - 3)
        if acc.tier == "C":
            size = min(size, 2)
        for _ in range(size):
            role = rng.choices(("account_manager", "solution_manager", "fulfillment_manager",
                                "other"), weights=(2, 2, 2, 4))[0]
            team.members.append(self.new_role_staff(role, "B" if rng.random() < 0.2 else "C"))
        for role, sid in (("AR", team.ar), ("SR", team.sr), ("FR", team.fr)):
            if sid:
                teams.append({"staff": sid, "account": acc.id, "role": role})
        for sid in team.members:
            teams.append({"staff": sid, "account": acc.id, "role": "member"})
        team.active = [s for s in (team.ar, team.sr, team.fr, *team.members)
                       if s and self.staff_active[s]]
        return team

    def supplies(self, acc: _Account) -> list[str]:
        rng = self.rng
        count = rng.choice((2, 3, 3))
        chosen = rng.sample(self.competitors, count)
        positions = ["primary" if rng.random() < 0.5 else "secondary", "secondary", "niche"]
        for kid, position in zip(chosen, positions, strict=False):
            self.doc["supplies"].append({"competitor": kid, "account": acc.id,
                                         "position": position})
        return chosen

    def choose_dark_units(self, acc: _Account, units: list[_Unit],
                          people: list[_Contact]) -> list[int]:
        """Org units where we know nobody: leaf units whose people are staff-level."""
        if "dark" not in acc.flags:
            return []
        rng = self.rng
        leaves = [u for u, unit in enumerate(units)
                  if unit.level >= 4 and not unit.children and unit.members]
        if not leaves:
            leaves = [u for u, unit in enumerate(units) if unit.level == 3 and not unit.children
                      and unit.members and all(people[m].rank != "A" for m in unit.members)]
        count = 2 if "showcase" in acc.flags else 1
        dark = rng.sample(leaves, min(len(leaves), count))
        for u in dark:
            units[u].dark = True
            for m in units[u].members:
                people[m].key = False
                people[m].rising = False
        return dark

    def plan_attitudes(self, acc: _Account, people: list[_Contact],
                       untouchable: set[int]) -> dict[int, int]:
        """Current attitude of each assessed contact; missing = never assessed (unknown)."""
        rng = self.rng
        attitude: dict[int, int] = {}
        for i, c in enumerate(people):
            if not c.key or i in untouchable:
                continue
            if c.end == 0 and rng.random() < 0.10:
                continue  # never assessed
            weights = (3, 18, 37, 28, 14) if c.rank in ("S", "A") else (6, 22, 34, 25, 13)
            attitude[i] = rng.choices((-1, 0, 1, 2, 3), weights=weights)[0]
        if "showcase" in acc.flags:
            coaches = [i for i, a in attitude.items() if a == 3]
            candidates = [i for i, c in enumerate(people)
                          if c.rank == "B" and c.end == 0 and i in attitude]
            for i in candidates[: max(0, 2 - len(coaches))]:
                attitude[i] = 3
        return attitude

    def opportunities(self, acc: _Account, people: list[_Contact], units: list[_Unit],
                      team: _Team, attitude: dict[int, int], untouchable: set[int],
                      supplies: list[str]) -> _Chains:
        rng = self.rng
        chains = _Chains()
        low, high = {"S": (6, 9), "A": (3, 6), "B": (2, 4), "C": (1, 2)}[acc.tier]
        count = rng.randint(low, high)
        stages = ["lead", "opportunity", "contract_execution", "payment_collection", "won",
                  "lost"]
        stage_weights = (20, 25, 12, 8, 20, 15)
        picked = rng.choices(stages, weights=stage_weights, k=count)
        if "showcase" in acc.flags:
            picked[:6] = ["opportunity", "lead", "contract_execution", "payment_collection",
                          "won", "lost"]
        value_range = {"S": (1_500, 25_000), "A": (500, 8_000), "B": (150, 2_000),
                       "C": (40, 500)}[acc.tier]
        themes = _THEMES + _INDUSTRY_THEMES[acc.industry]
        active = [i for i, c in enumerate(people) if c.end == 0 and i not in untouchable]
        by_function: dict[str, list[int]] = {}
        for i in active:
            by_function.setdefault(people[i].function, []).append(i)
        heads: dict[str, int] = {}
        for unit in units:
            if unit.level == 2:
                heads.setdefault(unit.function, unit.head)
        coaches = [i for i in active if attitude.get(i) == 3]
        opposed_done = "opposed_dm" not in acc.flags
        unknown_done = "unknown_member" not in acc.flags
        captured_done = "captured" not in acc.flags
        no_coach_done = "showcase" not in acc.flags
        dark_pool = [i for i in sorted(untouchable) if people[i].end == 0]
        for stage in picked:
            oid = self.new_id("o", 5)
            name, function = rng.choice(themes)
            close = {"lead": (-420, -60), "opportunity": (-300, -20),
                     "contract_execution": (10, 200), "payment_collection": (100, 400),
                     "won": (30, 700), "lost": (30, 700)}[stage]
            close_ago = rng.randint(*close)
            year = (self.as_of - datetime.timedelta(days=close_ago)).year
            self.doc["opportunities"].append({
                "id": oid, "account": acc.id, "name": f"{name} {year}", "stage": stage,
                "value": rng.randint(*value_range) * 1000, "closeDate": self.day(close_ago),
            })
            is_open = stage in OPEN_STAGES
            members: list[tuple[int, str]] = []
            taken: set[int] = set()

            def put(i: int, role: str, members: list[tuple[int, str]] = members,
                    taken: set[int] = taken) -> None:
                if i >= 0 and i not in taken:
                    taken.add(i)
                    members.append((i, role))

            dm = heads.get(function, heads.get("technology", 0))
            if acc.tier == "S" and rng.random() < 0.25:
                dm = 0
            put(dm, "decision_maker")
            put(heads.get("finance", 0) if rng.random() < 0.6 else 0, "approver")
            pool = by_function.get(function, []) or by_function.get("technology", []) or active
            keyed = [i for i in pool if people[i].key and people[i].rank in ("B", "C")]
            for i in rng.sample(keyed or pool, min(len(keyed or pool), rng.randint(1, 3))):
                put(i, "evaluator")
            ops = by_function.get("operations", []) or pool
            for i in rng.sample(ops, min(len(ops), rng.randint(0, 2))):
                put(i, "user")
            gate = [i for i in by_function.get("procurement", []) if people[i].rank in ("B", "C")]
            if gate:
                put(rng.choice(gate), "gatekeeper")
            if coaches and rng.random() < 0.55 and not (is_open and not no_coach_done):
                put(rng.choice(coaches), "influencer")
            elif rng.random() < 0.4:
                risers = [i for i in active if people[i].rising]
                if risers:
                    put(rng.choice(risers), "influencer")
            if is_open:
                if not opposed_done and people[dm].rank != "S":
                    attitude[dm] = -1
                    opposed_done = True
                if not no_coach_done and attitude.get(dm) != 3:
                    members[:] = [(i, r) for i, r in members if attitude.get(i) != 3]
                    no_coach_done = True
                if not unknown_done and dark_pool:
                    put(rng.choice(dark_pool), rng.choice(("evaluator", "user")))
                    unknown_done = True
                if not captured_done:
                    evaluators = [i for i, r in members if r == "evaluator"]
                    if evaluators:
                        self.favor(people[evaluators[0]].id, supplies[0], 0.6, 0.9)
                        captured_done = True
                for i, _ in members:
                    chains.open_members.add(i)
            for i, role in members:
                chains.by_contact.setdefault(i, []).append(oid)
                self.doc["decisionChain"].append({"opportunity": oid, "contact": people[i].id,
                                                  "role": role})
            # our opportunity team
            ours: list[tuple[str, str]] = []
            if team.ar and self.staff_active[team.ar]:
                ours.append((team.ar, "AR"))
            if team.sr and self.staff_active[team.sr]:
                ours.append((team.sr, "SR"))
            if team.fr and self.staff_active[team.fr] and stage not in ("lead", "opportunity"):
                ours.append((team.fr, "FR"))
            for sid in rng.sample(team.members, min(len(team.members), rng.randint(0, 2))):
                ours.append((sid, "member"))
            for sid, role in ours:
                self.doc["opportunityTeam"].append({"opportunity": oid, "staff": sid,
                                                    "role": role})
        return chains

    def owners(self, acc: _Account, people: list[_Contact], keys: list[int], team: _Team,
               untouchable: set[int]) -> dict[int, dict[str, str]]:
        """A/B(/C) owners of key contacts, with the planned imperfections."""
        rng = self.rng
        out = self.doc["owners"]
        owners: dict[int, dict[str, str]] = {}
        flags = acc.flags
        role_holder = {"AR": team.ar, "SR": team.sr, "FR": team.fr}
        ordered = sorted((i for i in keys if i not in untouchable),
                         key=lambda i: (-RANK_VALUE[people[i].rank], i))
        forced_a: dict[int, str] = {}
        if "overloaded" in flags and team.ar and len(ordered) > A_OWNER_CAP:
            commercial = [i for i in ordered if _FACING_ROLE.get(people[i].function) is None]
            technical = [i for i in ordered if i not in commercial]
            chosen = (commercial + technical)[: min(len(ordered), rng.randint(13, 16))]
            for i in chosen:
                forced_a[i] = team.ar
        duplicate_left = 1 if "duplicate" in flags else 0
        single = "single_threaded" in flags
        for n, i in enumerate(ordered):
            c = people[i]
            roles: dict[str, str] = {}
            if single:
                if team.ar and n < 10:
                    roles["A"] = team.ar
                if team.former and rng.random() < 0.4:
                    roles["B"] = team.former
            else:
                preferred = role_holder.get(_FACING_ROLE.get(c.function, "AR")) or team.ar
                candidates = [s for s in team.active if s != preferred]
                rng.shuffle(candidates)
                if preferred and self.staff_active.get(preferred, False):
                    candidates.insert(0, preferred)
                a_owner = forced_a.get(i)
                if a_owner is None:
                    under_cap = [s for s in candidates if self.a_load.get(s, 0) < A_OWNER_CAP]
                    a_owner = under_cap[0] if under_cap else None
                if a_owner:
                    roles["A"] = a_owner
                rest = [s for s in candidates if s != a_owner]
                if c.rank in ("S", "A"):
                    rest.sort(key=lambda s: -RANK_VALUE[self.staff_rank[s]])
                if rest:
                    roles["B"] = rest[0]
                if c.rank == "S" and acc.tier == "S" and len(rest) > 1:
                    roles["C"] = rest[1]
                showcase_ceo = "showcase" in flags and c.rank == "S"
                if not showcase_ceo:
                    roll = rng.random()
                    if roll < 0.08:
                        roles.pop("B", None)  # OWNER_MISSING_B
                    elif roll < 0.11 and i not in forced_a:
                        roles.pop("A", None)  # OWNER_MISSING_A
                    elif roll < 0.14 and team.former:
                        # OWNER_INACTIVE (a forced overload keeps its A role)
                        role = "B" if i in forced_a else rng.choice(("A", "B"))
                        roles[role] = team.former
                if c.rank == "S" and "missing_c" in flags:
                    roles.pop("C", None)
                if duplicate_left and c.rank in ("A", "B") and "A" in roles and n > 0:
                    roles["B"] = roles["A"]  # one person holding two roles: OWNER_DUPLICATE
                    duplicate_left = 0
            for role in ("A", "B", "C"):
                sid = roles.get(role)
                if sid:
                    out.append({"staff": sid, "contact": c.id, "role": role})
                    if role == "A":
                        self.a_load[sid] = self.a_load.get(sid, 0) + 1
            owners[i] = roles
        # showcase: make sure the imperfections exist even if the dice said no
        if "showcase" in flags:
            self.ensure_showcase_owner_gaps(people, ordered, owners, team)
        return owners

    def ensure_showcase_owner_gaps(self, people: list[_Contact], ordered: list[int],
                                   owners: dict[int, dict[str, str]], team: _Team) -> None:
        out = self.doc["owners"]
        b_level = [i for i in ordered if people[i].rank in ("B", "C")]
        if not any("B" not in owners[i] for i in ordered) and b_level:
            victim = b_level[-1]
            sid = owners[victim].pop("B", None)
            if sid:
                out.remove({"staff": sid, "contact": people[victim].id, "role": "B"})
        if team.former and not any(team.former in owners[i].values() for i in ordered) and \
                len(b_level) > 1:
            victim = b_level[-2]
            if "C" not in owners[victim]:
                owners[victim]["C"] = team.former
                out.append({"staff": team.former, "contact": people[victim].id, "role": "C"})

    def sponsors(self, acc: _Account, people: list[_Contact],
                 team: _Team) -> tuple[str | None, dict[int, str]]:
        """Account sponsor and personal sponsors (contact -> staff)."""
        rng = self.rng
        out = self.doc["sponsors"]
        flags = acc.flags
        personal: dict[int, str] = {}
        sponsor: str | None = None
        wanted = acc.tier in ("S", "A") or rng.random() < 0.3
        if wanted and "no_account_sponsor" not in flags:
            if "inactive_sponsor" in flags and self.inactive_exec:
                sponsor = self.inactive_exec
            else:
                sponsor = self.rng.choice(self.exec_s if acc.tier == "S" else self.exec_a)
            out.append({"staff": sponsor, "account": acc.id})
        if "single_threaded" in flags:
            return None, personal  # a sponsor on paper only: never meets anyone
        mismatch_left = 1 if "sponsor_mismatch" in flags else 0
        for i, c in enumerate(people):
            if c.end:
                continue
            if c.rank == "S":
                if acc.tier in ("C",) or ("no_personal_sponsor" in flags):
                    continue
                if acc.tier == "B" and rng.random() < 0.5:
                    continue
                rank = "S"
                if acc.tier != "S" and rng.random() < 0.3:
                    rank = "A"  # an S client executive paired with one of our VPs
                personal[i] = self.pick_exec(rank, c.function)
            elif c.rank == "A":
                if mismatch_left and team.ar:
                    personal[i] = team.ar  # a B-ranked account director sponsoring a CXO
                    mismatch_left = 0
                elif rng.random() < (0.6 if acc.tier in ("S", "A") else 0.2):
                    personal[i] = self.pick_exec("A", c.function)
        for i, sid in personal.items():
            out.append({"staff": sid, "contact": people[i].id})
        if sponsor and not self.staff_active[sponsor]:
            sponsor = None
        return sponsor, personal

    def assessments(self, acc: _Account, people: list[_Contact], keys: list[int],
                    attitude: dict[int, int], owners: dict[int, dict[str, str]],
                    team: _Team) -> None:
        """Semi-annual assessments over two years; some relationships strengthen, some weaken."""
        rng = self.rng
        out = self.doc["assessments"]
        jitter = rng.randint(0, 20)
        schedule = [700 - jitter, 517 - jitter, 335 - jitter, 152 - jitter]
        key_set = set(keys)
        subjects = [i for i in range(len(people))
                    if i in attitude and (i in key_set or people[i].end)]
        for i in subjects:
            c = people[i]
            current = attitude[i]
            dates = [d for d in schedule if d < c.start - 30 and d > c.end]
            if not dates:
                dates = [max(c.end + 1, c.start // 2)]
            trend = rng.choices((1, -1, 0), weights=(3, 2, 5))[0]
            change_at = rng.randint(1, len(dates)) if len(dates) > 1 else 0
            assessor = owners.get(i, {}).get("A") or team.ar
            if assessor is None:
                continue
            for n, d in enumerate(dates):
                value = current if n >= change_at else _clip(current - trend)
                out.append(self.assessment_record(c.id, d, assessor, value))

    def assessment_record(self, contact: str, ago: int, assessor: str, value: int) -> dict[
            str, Any]:
        rng = self.rng
        noise = (-1, 0, 0, 0, 1)
        scores = {dim: _clip(value + rng.choice(noise)) for dim in DIMENSIONS}
        if value == 3:
            scores["informationSharing"] = 3
            scores["guidance"] = rng.choice((2, 3))
        elif value == 2:
            candidate = rng.random() < 0.5
            scores["informationSharing"] = rng.choice((2, 3)) if candidate else rng.choice((0, 1))
            scores["guidance"] = rng.choice((2, 3)) if candidate else rng.choice((0, 1))
        elif value == -1:
            scores["competitiveStance"] = -1
            scores["acceptance"] = rng.choice((-1, 0))
        record: dict[str, Any] = {"contact": contact, "date": self.day(ago),
                                  "assessedBy": assessor}
        record.update(scores)
        record["attitude"] = value
        return record

    def knows(self, acc: _Account, people: list[_Contact], team: _Team,
              owners: dict[int, dict[str, str]], sponsors: dict[int, str],
              untouchable: set[int]) -> dict[int, list[str]]:
        """Asserted working relationships; returns contact -> active staff who relate to it."""
        rng = self.rng
        out = self.doc["knows"]
        seen: set[tuple[str, int]] = set()
        relations: dict[int, list[str]] = {}
        ranges = {"A": (0.6, 0.9), "B": (0.4, 0.75), "C": (0.3, 0.6)}

        def know(sid: str, i: int, low: float, high: float) -> None:
            if (sid, i) in seen:
                return
            seen.add((sid, i))
            out.append({"staff": sid, "contact": people[i].id,
                        "strength": self.strength(low, high)})
            if self.staff_active[sid]:
                relations.setdefault(i, []).append(sid)

        for i, roles in owners.items():
            for role in ("A", "B", "C"):
                sid = roles.get(role)
                if sid:
                    know(sid, i, *ranges[role])
        for i, sid in sponsors.items():
            know(sid, i, 0.5, 0.85)
        eligible = [i for i, c in enumerate(people) if c.end == 0 and i not in untouchable]
        if "single_threaded" in acc.flags:
            if team.ar:
                for i in rng.sample(eligible, min(len(eligible), 8)):
                    know(team.ar, i, 0.3, 0.7)
            return relations
        by_role: dict[str, list[int]] = {"AR": [], "SR": [], "FR": []}
        for i in eligible:
            by_role[_FACING_ROLE.get(people[i].function, "AR")].append(i)
        for sid in team.active:
            role = "SR" if sid == team.sr else "FR" if sid == team.fr else "AR" \
                if sid == team.ar else rng.choice(("AR", "SR", "FR"))
            pool = by_role[role] or eligible
            for i in rng.sample(pool, min(len(pool), rng.randint(2, 8))):
                know(sid, i, 0.2, 0.6)
        return relations

    def favor(self, contact: str, competitor: str, low: float, high: float) -> None:
        if contact not in self.favored:
            self.favored.add(contact)
            self.doc["favors"].append({"contact": contact, "competitor": competitor,
                                       "strength": self.strength(low, high)})

    def favors(self, people: list[_Contact], supplies: list[str]) -> None:
        """Some client people lean towards a competitor that already supplies them."""
        for c in people:
            if c.end == 0 and self.rng.random() < 0.03:
                self.favor(c.id, self.rng.choice(supplies), 0.3, 0.9)

    def organizational_programme(self, acc: _Account, people: list[_Contact], team: _Team,
                                 seniors: list[int], account_sponsor: str | None,
                                 sponsors: dict[int, str]) -> list[_Row]:
        """Company-to-company actions each year: the full set for a strategic partner, a reduced
        set for a partner, communication only for an ordinary account."""
        rng = self.rng
        rows: list[_Row] = []
        single = "single_threaded" in acc.flags
        ours = [s for s in (account_sponsor, team.ar, sponsors.get(0)) if s]
        if single or not ours:
            ours = [team.ar] if team.ar else []
        if not ours or not self.staff_active[ours[0]]:
            return rows
        staff = list(dict.fromkeys(ours))
        ceo = people[0]
        for year in (0, 1):
            for kind in _ORG_TYPES_BY_PARTNERSHIP[acc.partnership]:
                if kind == "executive_visit" and rng.random() < 0.5:
                    continue
                d = 1 + 365 * year + rng.randrange(360)
                theirs = [ceo.id] if kind in ("summit", "executive_visit") and \
                    ceo.start > d else []
                present = [i for i in seniors if people[i].start > d]
                for i in rng.sample(present, min(len(present), rng.randint(1, 3))):
                    theirs.append(people[i].id)
                if theirs:
                    summary = rng.choice(_SUMMARIES[kind])
                    rows.append((d, kind, "organizational", None, list(staff), theirs, summary))
        return rows

    def interactions(self, acc: _Account, people: list[_Contact], keys: list[int], team: _Team,
                     relations: dict[int, list[str]], untouchable: set[int], chains: _Chains,
                     account_sponsor: str | None, sponsors: dict[int, str]) -> None:
        """About ten interactions per contact over two years, following the cadence by rank."""
        rng = self.rng
        rand = rng.random
        key_set = set(keys)
        single = "single_threaded" in acc.flags
        # a few key contacts nobody met within their cadence (STALE_CONTACT)
        stale: set[int] = set()
        candidates = [i for i in keys if i not in untouchable and people[i].rank != "S"]
        n_stale = max(1, round(len(candidates) * 0.05)) if candidates else 0
        for i in rng.sample(candidates, min(n_stale, len(candidates))):
            stale.add(i)
        eligible_extra = [i for i, c in enumerate(people)
                          if c.end == 0 and i not in untouchable and i not in stale]
        unit_pool: dict[int, list[int]] = {}
        for i in eligible_extra:
            unit_pool.setdefault(people[i].unit, []).append(i)
        seniors = [i for i in eligible_extra if people[i].rank == "A"]
        general_pool = team.active or [s for s in (team.ar,) if s]
        rows = self.organizational_programme(acc, people, team, seniors, account_sponsor,
                                             sponsors)
        for i, c in enumerate(people):
            is_key = i in key_set
            hi = min(WINDOW_DAYS, c.start)
            lo = c.end + 1 if c.end else 1
            if i in untouchable:
                # only someone who has since left met them: no active channel (dark unit)
                if team.former and c.end == 0 and rand() < 0.5 and hi > 200:
                    for d in sorted(rng.randint(200, hi) for _ in range(rng.randint(1, 2))):
                        rows.append((d, "business_exchange", "general", None, [team.former],
                                     [c.id], "Technical exchange"))
                continue
            if c.end:
                count = rng.randint(1, 5)
                mix = "general"
            elif c.rank == "S":
                count = rng.randint(1, 2)  # besides the summits of the organizational programme
                mix = "S"
            elif c.rank == "A":
                count = rng.randint(4, 8)
                mix = "A"
            elif is_key:
                count = rng.randint(16, 26) if c.rank == "B" else rng.randint(14, 24)
                mix = "keyB" if c.rank == "B" else "keyC"
            else:
                count = rng.randint(8, 14) if c.rank == "B" else rng.randint(4, 13)
                mix = "general"
            if hi < lo:
                continue
            days: list[int] = []
            if is_key and c.end == 0:
                limit = STALE_DAYS[c.rank]
                if i in stale:
                    first = limit + rng.randint(10, 150)
                    if first <= hi:
                        count = max(1, count // 3)
                        days = [first] + [first + int(rand() * (hi - first + 1))
                                          for _ in range(count - 1)]
                else:
                    latest = 1 + int(rand() * min(limit - 3, hi))
                    days = [latest] + [latest + int(rand() * (hi - latest + 1))
                                       for _ in range(count - 1)]
            else:
                days = [lo + int(rand() * (hi - lo + 1)) for _ in range(count)]
            if not days:
                continue
            names, cum = _MIX_CUM[mix]
            types = rng.choices(names, cum_weights=cum, k=len(days))
            single_pool = [team.ar] if team.ar else []
            pool = single_pool if single else relations.get(i) or general_pool
            if not pool:
                continue
            opps = chains.by_contact.get(i)
            same_unit = unit_pool.get(c.unit, [])
            for d, kind in zip(days, types, strict=True):
                staff = [pool[int(rand() * len(pool))]]
                contacts = [c.id]
                if kind in _ORG_TYPES:
                    layer = "organizational"
                    if not single:
                        if account_sponsor and account_sponsor != staff[0]:
                            staff.append(account_sponsor)
                        if team.ar and team.ar not in staff and self.staff_active[team.ar]:
                            staff.append(team.ar)
                        if i in sponsors and sponsors[i] not in staff:
                            staff.append(sponsors[i])
                    for _ in range(rng.randint(0, 3)):
                        if seniors:
                            other = people[seniors[int(rand() * len(seniors))]].id
                            if other not in contacts:
                                contacts.append(other)
                elif kind in _REMOTE_TYPES:
                    layer = "key" if is_key else "general"
                else:
                    layer = "key" if kind in _KEY_TYPES else "general" \
                        if kind in _GENERAL_TYPES else "key" if is_key else "general"
                    if not single and rand() < 0.3 and general_pool:
                        extra = general_pool[int(rand() * len(general_pool))]
                        if extra not in staff:
                            staff.append(extra)
                    if rand() < 0.35 and len(same_unit) > 1:
                        for _ in range(1 + int(rand() * 2)):
                            other = people[same_unit[int(rand() * len(same_unit))]].id
                            if other not in contacts:
                                contacts.append(other)
                opportunity = opps[int(rand() * len(opps))] if opps and rand() < 0.3 else None
                summaries = _SUMMARIES[kind]
                rows.append((d, kind, layer, opportunity, staff, contacts,
                             summaries[int(rand() * len(summaries))]))
        rows.sort(key=lambda r: -r[0])
        out = self.doc["interactions"]
        account = acc.id
        for d, kind, layer, opportunity, staff, contacts, summary in rows:
            out.append({
                "id": self.new_id("i", 7), "type": kind, "layer": layer, "date": self.day(d),
                "account": account, "opportunity": opportunity, "staff": staff,
                "contacts": contacts, "summary": summary,
            })

    def emit_contacts(self, acc: _Account, people: list[_Contact], units: list[_Unit],
                      attitude: dict[int, int], untouchable: set[int]) -> None:
        rng = self.rng
        styles = ("controlling", "expressive", "analytical", "amiable")
        closeness_by_attitude = {3: (1, 2), 2: (2, 3), 1: (2, 4), 0: (3, 4), -1: (4, 5)}
        out = self.doc["contacts"]
        for i, c in enumerate(people):
            if i in untouchable:
                closeness = 5
            elif i in attitude:
                closeness = rng.randint(*closeness_by_attitude[attitude[i]])
            else:
                closeness = rng.randint(3, 5)
            out.append({
                "id": c.id, "account": acc.id, "orgUnit": units[c.unit].id, "name": c.name,
                "title": c.title, "rank": c.rank, "function": c.function, "key": c.key,
                "closeness": closeness, "socialStyle": rng.choice(styles),
                "risingStar": c.rising, "active": c.end == 0, "email": c.email,
            })


def generate_portfolio(accounts: int = 12, seed: int = 7,
                       as_of: datetime.date | None = None) -> dict[str, Any]:
    """A deterministic `relgraph/1` document of `accounts` client accounts, dated up to `as_of`."""
    if accounts < 1:
        raise ValueError("accounts must be at least 1")
    return _Builder(accounts, seed, as_of or datetime.date.today()).build()


def summary_counts(doc: dict[str, Any]) -> dict[str, int]:
    """Number of records in each array of a dataset document."""
    return {name: len(doc.get(name) or []) for name in ARRAYS}
