// Every translation file, by language and namespace. Imported on the server; the browser gets its language's
// bundles from the root loader.
import adminDa from "./locales/da/admin.json"
import authDa from "./locales/da/auth.json"
import careersDa from "./locales/da/careers.json"
import commonDa from "./locales/da/common.json"
import courseDa from "./locales/da/course.json"
import homeDa from "./locales/da/home.json"
import itemAnalysisDa from "./locales/da/item-analysis.json"
import learningDa from "./locales/da/learning.json"
import mailDa from "./locales/da/mail.json"
import patientDa from "./locales/da/patient.json"
import privacyDa from "./locales/da/privacy.json"
import procurementDa from "./locales/da/procurement.json"
import registerDa from "./locales/da/register.json"
import reportDetailsDa from "./locales/da/report-details.json"
import reportsDa from "./locales/da/reports.json"
import ssoDa from "./locales/da/sso.json"
import surveyDa from "./locales/da/survey.json"
import toolkitDa from "./locales/da/toolkit.json"
import wikiDa from "./locales/da/wiki.json"
import workshopsDa from "./locales/da/workshops.json"
import adminEn from "./locales/en/admin.json"
import authEn from "./locales/en/auth.json"
import careersEn from "./locales/en/careers.json"
import commonEn from "./locales/en/common.json"
import courseEn from "./locales/en/course.json"
import homeEn from "./locales/en/home.json"
import itemAnalysisEn from "./locales/en/item-analysis.json"
import learningEn from "./locales/en/learning.json"
import mailEn from "./locales/en/mail.json"
import patientEn from "./locales/en/patient.json"
import privacyEn from "./locales/en/privacy.json"
import procurementEn from "./locales/en/procurement.json"
import registerEn from "./locales/en/register.json"
import reportDetailsEn from "./locales/en/report-details.json"
import reportsEn from "./locales/en/reports.json"
import ssoEn from "./locales/en/sso.json"
import surveyEn from "./locales/en/survey.json"
import toolkitEn from "./locales/en/toolkit.json"
import wikiEn from "./locales/en/wiki.json"
import workshopsEn from "./locales/en/workshops.json"

export const resources = {
  da: {
    common: commonDa,
    auth: authDa,
    home: homeDa,
    survey: surveyDa,
    learning: learningDa,
    course: courseDa,
    reports: reportsDa,
    reportDetails: reportDetailsDa,
    register: registerDa,
    admin: adminDa,
    wiki: wikiDa,
    itemAnalysis: itemAnalysisDa,
    privacy: privacyDa,
    mail: mailDa,
    sso: ssoDa,
    patient: patientDa,
    careers: careersDa,
    procurement: procurementDa,
    workshops: workshopsDa,
    toolkit: toolkitDa,
  },
  en: {
    common: commonEn,
    auth: authEn,
    home: homeEn,
    survey: surveyEn,
    learning: learningEn,
    course: courseEn,
    reports: reportsEn,
    reportDetails: reportDetailsEn,
    register: registerEn,
    admin: adminEn,
    wiki: wikiEn,
    itemAnalysis: itemAnalysisEn,
    privacy: privacyEn,
    mail: mailEn,
    sso: ssoEn,
    patient: patientEn,
    careers: careersEn,
    procurement: procurementEn,
    workshops: workshopsEn,
    toolkit: toolkitEn,
  },
}
