// Life outside work: cooking, travel, health, home, pets, money, hobbies, writing for people. A
// prompt made of these words is not a coding task whatever technical word slips into it.
import { termList, type LexiconDomain } from './types.ts'

export const everyday: LexiconDomain = {
  id: 'everyday',
  strong: termList(`
    cook, cooking, bake, baking, dinner, lunch, breakfast, meal, meals, meal prep, vegetarian,
    vegan, ingredients, oven, chicken, pasta, rice, vegetables, fruit, cake, bread, sourdough,
    garden, gardening, houseplant, houseplants, tomato, tomatoes, flowers, roses, puppy, kitten,
    vet, vacation, itinerary, hiking, beach, passport, luggage, birthday, wedding, anniversary,
    grandmother, grandfather, brother, sister, neighbour, neighbours, neighbor, neighbors,
    landlord, roommate, girlfriend, boyfriend, husband, wife, baby, insomnia, running plan,
    weight loss, headache, vaccine, vaccines, immune system, allergy, stain, laundry, couch,
    apartment, cover letter, job interview, career, hobby, hobbies, guitar, piano, novel, novels,
    poem, poems, limerick, haiku, short story, fiction, fantasy, horror, romance, essay, eulogy,
    thank-you note, greeting card, chess, board game, board games, sailing, cycling, photography,
    knitting, language learning, idiom, spelling, philosophy, religion, politics, economics,
    biology, chemistry, astronomy, planet, planets, sky, ocean, animals, dinosaurs, wedding toast,
    recipe, recipes, travel, dog, dogs, holiday, workout,
  `),
  medium: termList(`
    kitchen, polite, politely, funny, advice, anxiety, sad, apology, complaint, compliment,
    train ride, weekend, friends, family, kids, coffee, tea, wine, christmas, doctor, diet, gym,
    salary, negotiate,
  `),
  weak: termList(`
    life, fun,
  `),
}
