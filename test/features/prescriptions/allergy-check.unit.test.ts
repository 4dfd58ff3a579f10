import { describe, expect, it } from 'vitest'
import { allergyWarnings } from '../../../src/features/prescriptions/allergy-check'

const warn = (drug: string, substance: string) => allergyWarnings([{ drug }], [{ substance }]).map((w) => [w.kind, w.drugClass ?? null])

describe('allergy warnings', () => {
  it('finds the medicine the allergy names, whatever the case or strength', () => {
    expect(warn('Amoxicillin 500 mg capsules', 'amoxicillin')).toEqual([['same medicine', null]])
    expect(warn('Penicillin V', 'Penicillin V')).toEqual([['same medicine', null]])
  })

  it('finds the drug class behind an allergy, by stem or by member', () => {
    expect(warn('Amoxicillin', 'Penicillin')).toEqual([['same class', 'penicillins']])
    expect(warn('Co-amoxiclav', 'penicillins')).toEqual([['same class', 'penicillins']])
    expect(warn('Flucloxacillin', 'Amoxicillin')).toEqual([['same class', 'penicillins']])
    expect(warn('Cefuroxime', 'cephalosporin')).toEqual([['same class', 'cephalosporins']])
    expect(warn('Co-trimoxazole', 'Sulfa drugs')).toEqual([['same class', 'sulfonamide antibiotics']])
    expect(warn('Ibuprofen', 'Aspirin')).toEqual([['same class', 'NSAIDs']])
    expect(warn('Naproxen', 'NSAIDs')).toEqual([['same class', 'NSAIDs']])
    expect(warn('Tramadol', 'codeine')).toEqual([['same class', 'opioids']])
    expect(warn('Levofloxacin', 'Ciprofloxacin')).toEqual([['same class', 'fluoroquinolones']])
    expect(warn('Doxycycline', 'tetracycline')).toEqual([['same class', 'tetracyclines']])
    expect(warn('Clarithromycin', 'macrolide antibiotics')).toEqual([['same class', 'macrolides']])
    expect(warn('Ramipril', 'ACE inhibitor (angioedema)')).toEqual([['same class', 'ACE inhibitors']])
  })

  it('flags the classes known to cross-react with a penicillin allergy', () => {
    expect(warn('Cefalexin', 'Penicillin')).toEqual([['related class', 'cephalosporins']])
    expect(warn('Meropenem', 'penicillin')).toEqual([['related class', 'carbapenems']])
    // Not the other way round: a cephalosporin allergy says nothing of penicillins here.
    expect(warn('Amoxicillin', 'Cefalexin')).toEqual([])
  })

  it('stays quiet for unrelated medicines and allergies', () => {
    expect(warn('Paracetamol', 'Penicillin')).toEqual([])
    expect(warn('Salbutamol', 'Peanuts')).toEqual([])
    expect(warn('Metformin', 'Latex')).toEqual([])
    expect(warn('Azithromycin', 'Erythema')).toEqual([])
    expect(allergyWarnings([{ drug: 'Amoxicillin' }], [])).toEqual([])
  })

  it('warns once per medicine and allergy, for every pair that meets', () => {
    const warnings = allergyWarnings([{ drug: 'Amoxicillin' }, { drug: 'Ibuprofen' }], [{ substance: 'Penicillin', severity: 'severe', reaction: 'hives' }, { substance: 'Aspirin' }])
    expect(warnings.map((w) => `${w.drug}/${w.allergy}`)).toEqual(['Amoxicillin/Penicillin', 'Ibuprofen/Aspirin'])
    expect(warnings[0]).toMatchObject({ severity: 'severe', reaction: 'hives' })
  })
})
